import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS, rendererFor } from '../../src/report/formats.js';
import { runCli, scanJson } from '../helpers/cli.js';
import { finding, scanResult } from '../tui/scan-result.js';
import { fakeGithubToken } from '../helpers/fake-secrets.js';
import { useTempDir } from '../helpers/temp-dir.js';

const FOLDERS = 80;
const FILES_PER_FOLDER = 100;

/** 8,000 exported files, two fake GitHub tokens in each: some 16,000 blocking findings. */
function exportsTree(): string {
  const root = join(useTempDir(), 'exports');
  for (let d = 0; d < FOLDERS; d++) {
    const folder = join(root, `batch-${d}`);
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < FILES_PER_FOLDER; i++) writeFileSync(join(folder, `job-${i}.txt`), `deploy with ${fakeGithubToken()}\nfallback ${fakeGithubToken()}\n`);
  }
  return root;
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe('a report of tens of thousands of findings', () => {
  // The text report spread its lines into one array (ten lines a finding): past some 130,000
  // lines that overflowed the call stack and the scan ended with "internal error"; Markdown
  // and HTML grouped findings by copying each group whole for every finding added.
  it('is written whole in every format, each finding once', { timeout: 240_000 }, () => {
    const root = exportsTree();
    const { status, report } = scanJson(['--fail-on', 'never', root], { timeoutMs: 120_000 });
    expect(status).toBe(0);
    const n = report.findings.length;
    expect(n).toBeGreaterThanOrEqual(2 * FOLDERS * FILES_PER_FOLDER);
    expect(new Set(report.findings.map((f) => `${f.path}:${f.line}`)).size).toBe(n);

    // Later runs read the cache the first one wrote: the same findings, rendered differently.
    const run = (format: string) => {
      const result = runCli(['scan', '--format', format, '--fail-on', 'never', root], { timeoutMs: 120_000 });
      expect(result.stderr).not.toContain('internal error');
      expect(result.status).toBe(0);
      return result.stdout;
    };
    const text = run('text');
    expect(count(text, /^ {4}BLOCK {2}\S+ {2}line \d+:\d+/gm)).toBe(n);
    expect(text).toMatch(new RegExp(`NO-GO  ${n} blocking — complete scan`));
    const markdown = run('markdown');
    expect(count(markdown, /^- `batch-\d+\/job-\d+\.txt` line \d+: /gm)).toBe(n);
    const html = run('html');
    expect(count(html, /<div class="item block">/g)).toBe(n);
    expect(html.trimEnd().endsWith('</main></body></html>')).toBe(true);
    const sarif = JSON.parse(run('sarif')) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]!.results).toHaveLength(n);
  });
});

describe('every renderer, given a long result', () => {
  it.each(FORMATS)('%s gives it out in pieces of some 64 KiB, never as one string', async (format) => {
    const findings = Array.from({ length: 20_000 }, (_, i) => finding('/r', `batch-${i % 80}/job-${i}.txt`, { severity: 'block' }));
    const render = await rendererFor(format);
    const pieces = [...render(scanResult({ verdict: 'no-go', findings }), { version: '0.0.0', isColor: false })];
    const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
    expect(pieces.length).toBeGreaterThan(length / 70_000);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(70_000);
    expect(pieces.join('')).toContain('batch-79/job-19999.txt');
  });
});
