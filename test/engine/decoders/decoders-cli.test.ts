import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanJson, type JsonReport } from '../../helpers/cli.js';
import { fakeGithubToken } from '../../helpers/fake-secrets.js';
import { useTempDir, writeTree } from '../../helpers/temp-dir.js';

/**
 * A token written in each encoding the decoders read, in the kind of file that writes it so,
 * scanned through the built CLI: found by the same rule as in plain text, at the encoded
 * value, with a message saying how it was decoded. Near misses (an ordinary encoded URL, a
 * page full of entities) give nothing, and decoding bombs stay within bounds.
 */
const hexByte = (c: string) => c.charCodeAt(0).toString(16).padStart(2, '0');
const percentAll = (text: string) => [...text].map((c) => `%${hexByte(c).toUpperCase()}`).join('');
const unicodeAll = (text: string) => [...text].map((c) => `\\u00${hexByte(c)}`).join('');
const hexEscapeAll = (text: string) => [...text].map((c) => `\\x${hexByte(c)}`).join('');
const entitiesAll = (text: string) => [...text].map((c) => `&#${c.charCodeAt(0)};`).join('');
const asHex = (text: string) => Buffer.from(text).toString('hex');

/** Every finding of a report and every other place its secret was seen, as one list. */
const everyPlace = (report: JsonReport) =>
  report.findings.flatMap((f) => [{ ...f }, ...(f.locations ?? []).map((l) => ({ ...f, ...l }))]);

/** Line and column (1-based) of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

describe('decoders, through the CLI', () => {
  it('finds a token in each encoding at the encoded value, saying how it was decoded', () => {
    const root = join(useTempDir('airlock-decoders-'), 'root');
    const tokens = Array.from({ length: 6 }, fakeGithubToken);
    const files = {
      'web/callback.txt': `# login callback seen in the proxy log\nGET "https://app.acme.io/cb?state=${percentAll(tokens[0]!)}&lang=en" 302\n`,
      'config/settings.json': `{\n  "name": "worker",\n  "env": "{${unicodeAll(`"github_token": "${tokens[1]}"`)}}"\n}\n`,
      'tools/keys.py': `import os\n\nTOKEN = b"${hexEscapeAll(tokens[2]!)}"\n`,
      'site/index.html': `<!doctype html>\n<form>\n  <input type="hidden" name="t" value="${entitiesAll(tokens[3]!)}">\n</form>\n`,
      'deploy/app.ini': `[auth]\nblob = ${asHex(`token=${tokens[4]}`)}\n`,
      'k8s/link.txt': `open https://dash.acme.io/?cfg=${percentAll(`kind: Secret\ndata:\n  token: ${Buffer.from(tokens[5]!).toString('base64')}\n`)}\n`,
    };
    writeTree(root, files);
    const { report } = scanJson(['--fail-on', 'never', root]);
    // Each finding stands on its secret's first escape (`%67…`, `\u0067…`), not on the value around it.
    const encodedB64 = Buffer.from(tokens[5]!).toString('base64');
    const expected = [
      { path: 'web/callback.txt', token: tokens[0]!, at: percentAll('ghp_'), how: 'percent-encoding' },
      { path: 'config/settings.json', token: tokens[1]!, at: unicodeAll('ghp_'), how: '\\u escapes' },
      { path: 'tools/keys.py', token: tokens[2]!, at: hexEscapeAll('ghp_'), how: '\\x escapes' },
      { path: 'site/index.html', token: tokens[3]!, at: entitiesAll('ghp_'), how: 'HTML entities' },
      { path: 'deploy/app.ini', token: tokens[4]!, at: asHex('ghp_'), how: 'hex' },
      // base64 places a secret to its group of 4 characters: here, the value's first.
      { path: 'k8s/link.txt', token: tokens[5]!, at: percentAll(encodedB64.slice(0, 4)), how: 'percent-encoding, then base64' },
    ];
    const places = everyPlace(report).filter((f) => f.ruleId === 'github-pat');
    for (const { path, at, how } of expected) {
      const { line, column } = positionOf(files[path as keyof typeof files], at);
      const found = places.filter((f) => f.path === path);
      expect(found.map((f) => [f.line, f.column]), path).toEqual([[line, column]]);
      // (The context stage may put its own reason first: `(in a test fixture) (decoded from …) …`.)
      expect(found[0]!.message.includes(`(decoded from ${how}) GitHub`), `${path}: ${found[0]!.message}`).toBe(true);
      expect(found[0]!.severity).toBe('block');
    }
    // Masked, as every finding is: the decoded token never reaches the output whole.
    const output = JSON.stringify(report);
    for (const token of tokens) expect(output).not.toContain(token);
  });

  it('finds a database password behind a percent-encoded redirect, once', () => {
    const root = join(useTempDir('airlock-decoders-'), 'root');
    const line = `redirect = "https://app.acme.io/setup?next=postgres%3A%2F%2Fapp%3AVq9mT2xLp7Qz%40db.acme.internal%3A5432%2Fapp"\n`;
    writeTree(root, { 'setup.toml': line });
    const { report } = scanJson(['--fail-on', 'never', root]);
    expect(report.findings.map((f) => [f.ruleId, f.line, f.column, f.message.includes('(decoded from percent-encoding) Password')])).toEqual([
      ['url-embedded-password', 1, line.indexOf('Vq9mT2') + 1, true],
    ]);
  });

  it('reports a percent-encoded password once: the decoding, not also the raw value', () => {
    const root = join(useTempDir('airlock-decoders-'), 'root');
    const text = 'DB_PASSWORD=Vq9%23mT2%21xLp7Qz\n';
    writeTree(root, { 'app.ini': text });
    const { report } = scanJson(['--fail-on', 'never', '--show-secrets', root]);
    expect(report.findings.map((f) => [f.line, f.column, f.secret, f.message.includes('(decoded from percent-encoding)')])).toEqual([[1, 13, 'Vq9#mT2!xLp7Qz', true]]);
  });

  it('leaves a token written plainly beside escapes as it is: found, not said to be decoded', () => {
    const root = join(useTempDir('airlock-decoders-'), 'root');
    const token = fakeGithubToken();
    const text = `curl "https://hooks.acme.io/cb?token=${token}&next=https%3A%2F%2Fapp.acme.io%2Fdone"\n`;
    writeTree(root, { 'hook.sh': text });
    const { report } = scanJson(['--fail-on', 'never', root]);
    expect(report.findings.map((f) => [f.ruleId, f.column, f.message.includes('(decoded')])).toEqual([['github-pat', text.indexOf('ghp_') + 1, false]]);
  });

  it('gives nothing for encoded text that holds no secret', () => {
    const root = join(useTempDir('airlock-decoders-'), 'root');
    writeTree(root, {
      'links.md': [
        '[search](https://www.google.com/search?q=hello%20world%21&hl=en%2DUS)',
        'Redirects to https%3A%2F%2Fdocs.acme.io%2Fguide%3Fsection%3Dinstall%26lang%3Den',
        'printf("%2d items, %5.1f%%\\n", n, pct);',
        '',
      ].join('\n'),
      'page.html': '<p>Tom &amp; Jerry said &quot;hello&quot; &#169; 2024 &lt;b&gt;bold&lt;/b&gt; &#x2014; &apos;ok&apos;</p>\n<a title="&#72;&#101;&#108;&#108;&#111;, world">x</a>\n',
      'escapes.js': 'const s = "caf\\u00e9 \\u0041BC\\u0020done";\nconst re = /[\\x00-\\x1f\\x7f]/g;\nconst b = "\\x48\\x65\\x6c\\x6c\\x6f there";\n',
      'Cargo.lock': `[[package]]\nname = "serde"\nchecksum = "${'3f1b2c4d5e6f7a8b'.repeat(4)}"\n`,
      'ids.txt': `${asHex('just an ordinary sentence, no secret in it')}\n`,
    });
    const { report } = scanJson(['--fail-on', 'never', root]);
    expect(report.findings).toEqual([]);
    expect(report.verdict).toBe('go');
  });

  it('stays within bounds on decoding bombs: nested past the depth limit, and huge', () => {
    const root = join(useTempDir('airlock-decoders-'), 'root');
    const token = fakeGithubToken();
    let nested = `token=${percentAll(token)}`;
    for (let i = 0; i < 12; i++) nested = encodeURIComponent(nested);
    let entities = `"${entitiesAll(token)}"`;
    for (let i = 0; i < 12; i++) entities = entities.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    writeTree(root, {
      'nested.txt': `u=${percentAll('x')}${nested}\n`,
      'entities.html': `<div data-x="${entities}"></div>\n`,
      // 6 MB of escapes with no line break: one endless value, decoded a bounded amount.
      'huge.txt': '%41%42'.repeat(1_000_000),
      'huge-json.json': `"${'\\u0041'.repeat(1_000_000)}"`,
    });
    const started = Date.now();
    const { report } = scanJson(['--fail-on', 'never', '--max-file-size', '64M', root]);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(report.complete).toBe(true);
    expect(report.skipped).toEqual([]);
    expect(report.findings).toEqual([]);
  });
});
