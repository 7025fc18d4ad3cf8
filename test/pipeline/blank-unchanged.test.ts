import { describe, expect, it } from 'vitest';
import { blankUnchanged, CONTEXT_LINES } from '../../src/pipeline/blank-unchanged.js';
import { randomChars } from '../helpers/fake-secrets.js';

const lines = (count: number, tag: string) => Array.from({ length: count }, (_, i) => `${tag} line ${i} ${randomChars(20)}`);
const text = (list: string[]) => Buffer.from(`${list.join('\n')}\n`);
const kept = (out: Buffer) => out.toString().split('\n').slice(0, -1);

describe('a version compared with the one before it', () => {
  it('keeps the changed lines and their context where they stand, and empties the rest', () => {
    const before = lines(100, 'old');
    const after = [...before];
    after[50] = `changed ${randomChars(30)}`;
    after.splice(70, 0, `inserted ${randomChars(30)}`);
    const out = kept(blankUnchanged(text(before), text(after)));
    // Every line still there, at its own number.
    expect(out).toHaveLength(after.length);
    for (let i = 0; i < after.length; i++) {
      // Lines 54 to 66 lie between the two changes but are unchanged: emptied too.
      const isNear = Math.abs(i - 50) <= CONTEXT_LINES || Math.abs(i - 70) <= CONTEXT_LINES;
      expect(out[i]).toBe(isNear ? after[i] : '');
    }
  });

  it('keeps the context of changes at the start and at the end, a last line without a newline too', () => {
    const before = lines(40, 'old');
    const after = [...before];
    after[1] = `first ${randomChars(30)}`;
    after[39] = `last ${randomChars(30)}`;
    for (const ending of ['\n', '']) {
      const out = blankUnchanged(Buffer.from(`${before.join('\n')}${ending}`), Buffer.from(`${after.join('\n')}${ending}`)).toString().split('\n');
      expect(out).toHaveLength(after.length + (ending ? 1 : 0));
      for (let i = 0; i < after.length; i++) expect(out[i]).toBe(i <= 1 + CONTEXT_LINES || i >= 39 - CONTEXT_LINES ? after[i] : '');
    }
  });

  it('keeps the lines that open or close a fence, a docstring or a comment, wherever they are', () => {
    const before = ['# Guide', '```yaml', 'a: 1', '```', ...lines(20, 'prose'), '"""', 'doc', '"""', '/* start', 'end */', '<!-- note -->', ...lines(20, 'tail')];
    const after = [...before];
    after[before.length - 10] = `new ${randomChars(10)}`;
    const out = kept(blankUnchanged(text(before), text(after)));
    expect(out).toHaveLength(after.length);
    for (const marker of ['```yaml', '```', '"""', '/* start', 'end */', '<!-- note -->']) expect(out).toContain(marker);
    expect(out).not.toContain('a: 1');
    expect(out).not.toContain('doc');
    expect(out).toContain(after[before.length - 10]);
  });

  it('keeps a line moved from elsewhere in the file emptied, and a line repeated with a change kept', () => {
    const before = lines(60, 'old');
    const after = [...before];
    // Moved: line 10 now at the end. Changed: line 30 gets a token appended.
    after.push(after.splice(10, 1)[0]!);
    after[29] = `${after[29]} token=${randomChars(24)}`;
    const out = kept(blankUnchanged(text(before), text(after)));
    expect(out).toHaveLength(after.length);
    expect(out[29]).toBe(after[29]);
    // The moved line is in the previous version: not matched again (unless next to a change).
    expect(out.at(-1)).toBe('');
  });

  it('matches binaries, PEM blocks and wholly changed versions whole', () => {
    const binary = Buffer.concat([Buffer.from(lines(50, 'x').join('\n')), Buffer.from([0, 1, 2]), Buffer.from('\nend\n')]);
    const binaryAfter = Buffer.concat([binary, Buffer.from('more\n')]);
    expect(blankUnchanged(binary, binaryAfter)).toBe(binaryAfter);
    const pem = text(['-----BEGIN PRIVATE KEY-----', ...lines(30, 'body'), '-----END PRIVATE KEY-----']);
    const pemAfter = text(['-----BEGIN PRIVATE KEY-----', ...lines(30, 'body2'), '-----END PRIVATE KEY-----']);
    expect(blankUnchanged(pem, pemAfter)).toBe(pemAfter);
    const other = text(lines(10, 'other'));
    expect(blankUnchanged(text(lines(10, 'first')), other)).toBe(other);
  });

  it('handles versions without a final newline, empty ones, and a version that only grew at its end', () => {
    const before = Buffer.from('a\nb\nc');
    const after = Buffer.from(`a\nb\nc\n${'x\n'.repeat(10)}token ${randomChars(12)}`);
    const out = blankUnchanged(before, after).toString().split('\n');
    expect(out).toHaveLength(after.toString().split('\n').length);
    expect(out.at(-1)).toBe(after.toString().split('\n').at(-1));
    expect(blankUnchanged(Buffer.alloc(0), Buffer.from('new\n')).toString()).toBe('new\n');
    expect(blankUnchanged(Buffer.from('old\n'), Buffer.alloc(0)).toString()).toBe('');
  });
});

describe('markers kept across many changes in a long version', () => {
  it('keeps every line holding a marker and every changed line, and the line count, whatever the edits', () => {
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const markers = ['```', '"""', '/*', '*/', '<!--', '-->'];
    for (let round = 0; round < 40; round++) {
      // Markers rare (some versions have none at all): each stretch between changes is searched for each.
      const before = lines(400, 'old').map((line) => (next() < 0.01 ? `${line} ${markers[Math.floor(next() * markers.length)]}` : line));
      const after = before.map((line) => (next() < 0.05 ? `edited ${randomChars(12)}` : line));
      const out = kept(blankUnchanged(text(before), text(after)));
      expect(out).toHaveLength(after.length);
      for (let i = 0; i < after.length; i++) {
        const isChanged = after[i] !== before[i];
        const hasMarker = markers.some((m) => after[i]!.includes(m));
        if (isChanged || hasMarker) expect(out[i], `round ${round}, line ${i}`).toBe(after[i]);
        else expect([after[i], ''], `round ${round}, line ${i}`).toContain(out[i]);
      }
    }
  });
});
