import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/engine/mask.js';
import { FORMATS } from '../../src/report/formats.js';
import { runCli, type JsonReport } from '../helpers/cli.js';
import { fakeGithubToken, fakeNoteToken, fakeTestToken } from '../helpers/fake-secrets.js';
import { writeTestRules } from '../helpers/rules.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

/** A root with three planted secrets: two block rules (a test rule and github-pat) and a review rule. */
function plant() {
  const base = useTempDir();
  const root = join(base, 'root');
  const secrets = { own: fakeTestToken(), review: fakeNoteToken(), secretlint: fakeGithubToken() };
  writeTree(root, {
    'config/.env': `OWN=${secrets.own}\nSL=${secrets.secretlint}\n`,
    'notes.md': `# notes\n\nsee ${secrets.review}\n`,
  });
  return { root, rules: writeTestRules(base), secrets };
}

/** Every 8-character piece of `secret` that `output` holds: empty when nothing usable leaked. */
const leakedPieces = (output: string, secret: string) =>
  Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8)).filter((piece) => output.includes(piece));

describe('masking in every output format', () => {
  it('covers every format the CLI offers', () => {
    expect(FORMATS).toEqual(['text', 'json', 'sarif', 'markdown', 'html']);
  });

  it.each(FORMATS)('%s output holds no planted secret, nor any 8 characters of one', (format) => {
    const { root, rules, secrets } = plant();
    const run = runCli(['scan', '--rules', rules, '--format', format, root]);
    expect(run.status).toBe(1);
    for (const secret of Object.values(secrets)) expect(leakedPieces(run.stdout + run.stderr, secret)).toEqual([]);
    // Each finding's masked value is there: a short prefix and an ellipsis.
    for (const masked of ['fake…', 'ghp_…']) expect(run.stdout).toContain(masked);
  });

  it.each(FORMATS)('%s output holds every planted secret in full with --show-secrets', (format) => {
    const { root, rules, secrets } = plant();
    const run = runCli(['scan', '--rules', rules, '--format', format, '--show-secrets', root]);
    expect(run.status).toBe(1);
    for (const secret of Object.values(secrets)) expect(run.stdout).toContain(secret);
  });

  it('shows a short prefix only, and the same fingerprint whether or not secrets are shown', () => {
    const { root, rules, secrets } = plant();
    const masked = JSON.parse(runCli(['scan', '--rules', rules, '--format', 'json', root]).stdout) as JsonReport;
    const shown = JSON.parse(runCli(['scan', '--rules', rules, '--format', 'json', '--show-secrets', root]).stdout) as JsonReport;
    const summary = (report: JsonReport) => report.findings.map(({ ruleId, path, line, column, secret, fingerprint: print }) => ({ ruleId, path, line, column, secret, print }));
    expect(summary(masked)).toEqual([
      { ruleId: 'fake-token', path: 'config/.env', line: 1, column: 5, secret: 'fake…', print: fingerprint('fake-token', secrets.own) },
      { ruleId: 'github-pat', path: 'config/.env', line: 2, column: 4, secret: 'ghp_…', print: fingerprint('github-pat', secrets.secretlint) },
      { ruleId: 'fake-note', path: 'notes.md', line: 3, column: 5, secret: 'fake…', print: fingerprint('fake-note', secrets.review) },
    ]);
    expect(summary(shown)).toEqual(
      summary(masked).map((f, i) => ({ ...f, secret: [secrets.own, secrets.secretlint, secrets.review][i] })),
    );
  });
});

describe('text output and hostile file names', () => {
  it('prints control characters in a file name as visible escapes, never raw', () => {
    const base = useTempDir();
    const root = join(base, 'root');
    writeTree(root, {
      'evil\x1b[2J\x1b[32mGO\tname\u202etxt.env': `token ${fakeTestToken()}\n`,
      'fake\nNO-GO.txt': `token ${fakeTestToken()}\n`,
    });
    const run = runCli(['scan', '--rules', writeTestRules(base), root]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('\n  evil\\x1b[2J\\x1b[32mGO\\x09name\\u202etxt.env\n');
    expect(run.stdout).toContain('\n  fake\\x0aNO-GO.txt\n');
    expect(run.stdout).not.toMatch(/[\x1b\t\r\u202e]/);
    expect(run.stdout.split('\n').filter((line) => line.startsWith('NO-GO'))).toEqual(['NO-GO  2 blocking — complete scan']);
  });
});
