import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanJson } from '../helpers/cli.js';
import { fakeChecksummedToken, randomChars } from '../helpers/fake-secrets.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

/** The same token with one character of its checksum changed: the right shape, a wrong CRC. */
function breakChecksum(token: string): string {
  const last = token.at(-1)!;
  return token.slice(0, -1) + (last === 'A' ? 'B' : 'A');
}

describe('a token that fails its checksum (built CLI)', () => {
  it('is told as INFO, says why, and changes neither the verdict nor the plan', () => {
    const root = join(useTempDir(), 'project');
    const good = fakeChecksummedToken('ghp_');
    const bad = breakChecksum(fakeChecksummedToken('ghp_'));
    const badNpm = breakChecksum(fakeChecksummedToken('npm_'));
    writeTree(root, { 'src/test-data.py': `TOKEN = "${bad}"\nNPM = "${badNpm}"\n`, 'README.md': '# app\n' });
    const { status, report } = scanJson([root]);
    expect(status).toBe(0);
    expect(report.verdict).toBe('go');
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ['github-pat', 'info', 1],
      ['npm-access-token', 'info', 2],
    ]);
    expect(report.findings[0]!.message).toMatch(/checksum fails: not a real token/);
    for (const f of report.findings) expect(f.secret).not.toContain(bad.slice(8));
    // The real one beside it still blocks.
    writeTree(root, { 'src/live.py': `TOKEN = "${good}"\n` });
    const withLive = scanJson([root]);
    expect(withLive.report.verdict).toBe('no-go');
    expect(withLive.report.findings.filter((f) => f.severity === 'block').map((f) => f.path)).toEqual(['src/live.py']);
  });

  it('is not told in documentation, where a guide shows a broken key on purpose', () => {
    const root = useTempDir();
    const bad = breakChecksum(fakeChecksummedToken('ghp_'));
    writeTree(root, { 'docs/tokens.md': `A token with a wrong checksum, \`${bad}\`, is refused.\n`, 'notes.txt': `${bad}\n` });
    expect(scanJson([root]).report.findings.map((f) => [f.path, f.severity])).toEqual([['notes.txt', 'info']]);
  });

  it('a random value of another shape after ghp_ is no finding at all', () => {
    const root = useTempDir();
    writeTree(root, { 'notes.txt': `ghp_${randomChars(12)}\n` });
    expect(scanJson([root]).report.findings).toEqual([]);
  });
});
