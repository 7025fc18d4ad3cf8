import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { mergeDuplicates } from '../../src/verdict/merge-duplicates.js';
import { applySuppressions, type Collected } from '../../src/verdict/suppress.js';
import { runCli, scanJson } from '../helpers/cli.js';
import { fakeGithubToken } from '../helpers/fake-secrets.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: 'r',
  category: 'token',
  severity: 'block',
  root: '/root',
  path: 'a.txt',
  line: 1,
  column: 1,
  source: 'file',
  fingerprint: 'f'.repeat(32),
  message: 'm',
  remediation: 'x',
  ...over,
});

describe('applySuppressions', () => {
  const a = finding({ fingerprint: 'a'.repeat(32), path: 'a.txt' });
  const b = finding({ fingerprint: 'b'.repeat(32), path: 'b.txt' });
  const c = finding({ fingerprint: 'c'.repeat(32), path: 'c.txt', severity: 'review' });
  const entries: Collected[] = [{ finding: a, allowComment: 'airlock:allow' }, { finding: b }, { finding: c }];
  const folderList = { by: '/root/.airlockallow', fingerprints: new Set([b.fingerprint]), root: '/root' };
  const userList = { by: '/home/me/accepted.txt', fingerprints: new Set([c.fingerprint]) };

  it('suppresses by comment, folder allowlist and user allowlist, naming each source', () => {
    const outcome = applySuppressions(entries, { allowlists: [folderList, userList], refuseFolderConfig: false });
    expect(outcome.kept).toEqual([]);
    expect(outcome.suppressed.map((s) => [s.path, s.by, s.severity])).toEqual([
      ['a.txt', 'inline comment (airlock:allow)', 'block'],
      ['b.txt', '/root/.airlockallow', 'block'],
      ['c.txt', '/home/me/accepted.txt', 'review'],
    ]);
    expect(outcome.refused.size).toBe(0);
  });

  it('under --no-folder-config obeys only the user allowlist and counts what it refused', () => {
    const outcome = applySuppressions(entries, { allowlists: [folderList, userList], refuseFolderConfig: true });
    expect(outcome.kept.map((e) => e.finding.path)).toEqual(['a.txt', 'b.txt']);
    expect(outcome.suppressed.map((s) => s.path)).toEqual(['c.txt']);
    expect([...outcome.refused]).toEqual([
      ['inline comment (airlock:allow)', 1],
      ['/root/.airlockallow', 1],
    ]);
  });

  it('applies a folder allowlist only to findings under its own root', () => {
    const other = finding({ fingerprint: b.fingerprint, root: '/elsewhere' });
    const outcome = applySuppressions([{ finding: other }], { allowlists: [folderList], refuseFolderConfig: false });
    expect(outcome.kept).toHaveLength(1);
  });
});

describe('mergeDuplicates', () => {
  it('lets the first place in path order speak for a secret found alike in several files, and lists the others in that order, whatever order they were read in', () => {
    const maven = finding({ ruleId: 'maven-settings-password', path: 'maven/.m2/settings.xml', line: 5, fingerprint: 'm'.repeat(32) });
    const gradle = finding({ ruleId: 'gradle-properties-secret', path: 'gradle/.gradle/gradle.properties', line: 2, fingerprint: 'g'.repeat(32) });
    const laterLine = finding({ ruleId: 'gradle-properties-secret', path: 'gradle/.gradle/gradle.properties', line: 9, fingerprint: 'h'.repeat(32) });
    for (const order of [[maven, gradle, laterLine], [laterLine, maven, gradle], [gradle, laterLine, maven]]) {
      const merged = mergeDuplicates(order.map((f) => ({ finding: f, secretId: 's' })));
      // The other places in path order too, whatever the order they came in.
      expect(merged.map((f) => [f.fingerprint, f.locations?.map((l) => `${l.path}:${l.line}`)])).toEqual([
        ['g'.repeat(32), ['gradle/.gradle/gradle.properties:9', 'maven/.m2/settings.xml:5']],
      ]);
    }
  });

  it('lets a provider rule speak for a secret over a generic rule of the same severity and category, whatever the order', () => {
    const generic = finding({ ruleId: 'generic-secret-assignment', category: 'token', path: 'app.js' });
    const specific = finding({ ruleId: 'github-pat', category: 'token', path: 'app.js' });
    const merged = mergeDuplicates([
      { finding: generic, secretId: 's', isSpecific: false },
      { finding: specific, secretId: 's', isSpecific: true },
    ]);
    expect(merged.map((f) => [f.ruleId, f.locations?.map((l) => l.ruleId)])).toEqual([['github-pat', ['generic-secret-assignment']]]);
  });

  it('reports one secret once: the most severe and specific finding, with the other places listed', () => {
    const envRule = finding({ ruleId: 'env-file-secret', category: 'env-file', path: '.env', line: 3 });
    const tokenRule = finding({ ruleId: 'github-pat', category: 'token', path: '.env', line: 3, column: 10 });
    const elsewhere = finding({ ruleId: 'github-pat', path: 'ci/deploy.sh', line: 7 });
    const history = finding({ ruleId: 'github-pat', path: 'old.txt', source: 'git-history', commit: 'abc' });
    const unrelated = finding({ ruleId: 'other', path: 'z.txt' });
    const merged = mergeDuplicates([
      { finding: envRule, secretId: 's1' },
      { finding: tokenRule, secretId: 's1' },
      { finding: elsewhere, secretId: 's1' },
      { finding: history, secretId: 's1' },
      { finding: unrelated, secretId: 's2' },
    ]);
    expect(merged).toHaveLength(2);
    const primary = merged.find((f) => f.locations)!;
    expect(primary).toMatchObject({ ruleId: 'github-pat', path: '.env', column: 10 });
    expect(primary.locations!.map((l) => `${l.ruleId}@${l.path}:${l.source}`)).toEqual([
      'env-file-secret@.env:file',
      'github-pat@ci/deploy.sh:file',
      'github-pat@old.txt:git-history',
    ]);
  });
});

describe('suppression through the CLI', () => {
  function plantedRoot() {
    const root = join(useTempDir(), 'project');
    const accepted = fakeGithubToken();
    const commented = fakeGithubToken();
    writeTree(root, {
      'a.js': `const t = '${accepted}';\n`,
      'b.js': `const u = '${commented}'; // airlock:allow test fixture\n`,
    });
    return root;
  }

  it('suppresses by .airlockallow and inline comment, reports both by name, and the verdict is GO', () => {
    const root = plantedRoot();
    const first = scanJson([root, '--no-cache']);
    expect(first.report.findings.map((f) => f.path)).toEqual(['a.js']);
    expect(first.report.suppressed).toEqual([
      expect.objectContaining({ path: 'b.js', by: 'inline comment (airlock:allow)', ruleId: 'github-pat', line: 1 }),
    ]);
    writeTree(root, { '.airlockallow': `# accepted for the demo\n${first.report.findings[0]!.fingerprint}\n` });
    const second = scanJson([root, '--no-cache']);
    expect(second.status).toBe(0);
    expect(second.report.verdict).toBe('go');
    expect(second.report.suppressed.map((s) => [(s as { path: string }).path, (s as { by: string }).by])).toEqual([
      ['a.js', join(root, '.airlockallow')],
      ['b.js', 'inline comment (airlock:allow)'],
    ]);
  });

  it('--no-folder-config refuses both and says so; a user --allowlist still applies', () => {
    const root = plantedRoot();
    const { report } = scanJson([root, '--no-cache']);
    writeTree(root, { '.airlockallow': `${report.findings[0]!.fingerprint}\n` });
    const refused = scanJson([root, '--no-cache', '--no-folder-config']);
    expect(refused.status).toBe(1);
    expect(refused.report.findings.map((f) => f.path)).toEqual(['a.js', 'b.js']);
    expect(refused.report.suppressed).toEqual([]);
    expect(refused.stderr).toContain(`--no-folder-config: ${join(root, '.airlockallow')} not applied`);
    expect(refused.stderr).toContain('--no-folder-config: 1 finding not suppressed by inline comment (airlock:allow)');

    const elsewhere = useTempDir();
    writeTree(elsewhere, { 'accepted.txt': `${report.findings[0]!.fingerprint}  # mine\n` });
    const userList = join(elsewhere, 'accepted.txt');
    const user = scanJson([root, '--no-cache', '--no-folder-config', '--allowlist', userList]);
    expect(user.report.findings.map((f) => f.path)).toEqual(['b.js']);
  });

  it('rejects a malformed --allowlist with exit 2, naming file and line', () => {
    const dir = useTempDir();
    writeTree(dir, { 'bad.txt': 'not-a-fingerprint\n' });
    const run = runCli(['scan', dir, '--allowlist', join(dir, 'bad.txt')]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`airlock: ${join(dir, 'bad.txt')}:1: not a finding fingerprint (32 hex digits): "not-a-fingerprint"\n`);
  });
});
