import { describe, expect, it } from 'vitest';
import { codeSpan, escapeMarkdown } from '../../src/report/markdown.js';
import { escapeHtml } from '../../src/report/html.js';

describe('untrusted text in markdown and html', () => {
  it.each(['a`b', '``x', 'x`', 'plain', '`'])('a code span of %j holds it literally', (text) => {
    const span = codeSpan(text);
    const fence = /^`+/.exec(span)![0];
    expect(span.endsWith(fence)).toBe(true);
    expect(span.slice(fence.length, -fence.length).trim()).toBe(text.trim());
    expect(text.includes(fence)).toBe(false); // no run inside is as long as the fence
  });

  it('escapes what markdown or html would read as syntax, and makes control and bidi characters visible', () => {
    expect(escapeMarkdown('[x](http://e.example) <img src=x> *a* _b_ |c| a&amp;')).toBe('\\[x\\](http://e.example) \\<img src=x\\> \\*a\\* \\_b\\_ \\|c\\| a&amp;amp;');
    expect(escapeMarkdown('line\nbreak\u202e')).toBe('line\\\\x0abreak\\\\u202e');
    expect(escapeHtml('<img src=x onerror="a(1)">&\'')).toBe('&lt;img src=x onerror=&quot;a(1)&quot;&gt;&amp;&#39;');
  });
});
