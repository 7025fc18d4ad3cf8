import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromCommandLine, fromIgnoreFile, isExcluded } from '../../src/walk/exclusions.js';
import { walkRoot, type WalkLog } from '../../src/walk/walk.js';
import { runCli, scanJson } from '../helpers/cli.js';
import { fakeTestToken } from '../helpers/fake-secrets.js';
import { writeTestRules } from '../helpers/rules.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

function setup() {
  const base = useTempDir();
  const root = join(base, 'root');
  mkdirSync(root);
  return { base, root, rules: writeTestRules(base) };
}

/** A tree with a planted token in every file, so that a scan shows which files were read. */
function plantTree(root: string) {
  const files = ['app/main.ts', 'app/debug.log', 'build/out.js', 'build/nested/deep.js', 'secrets/prod.env', 'notes/keep.log', 'top.log'];
  writeTree(root, Object.fromEntries(files.map((f) => [f, `token ${fakeTestToken()}\n`])));
  return files;
}

const reportedPaths = (report: { findings: { path: string }[] }) => report.findings.map((f) => f.path);

describe('isExcluded', () => {
  it('counts each exclusion against the first source that matches, folders with a trailing slash', () => {
    const sources = [...fromCommandLine(['*.log', 'build/']), { by: 'second', matcher: fromCommandLine(['*.log', 'tmp'])[0]!.matcher, count: 0 }];
    const checks = [
      ['a.log', false],
      ['dir/b.log', false],
      ['build', true],
      ['build', false], // a file named build is not the folder build/
      ['tmp', false],
      ['src/main.ts', false],
    ] as const;
    expect(checks.map(([path, isDirectory]) => isExcluded(sources, path, isDirectory))).toEqual([true, true, true, false, true, false]);
    expect(sources.map((s) => [s.by, s.count])).toEqual([
      ['--exclude *.log build/', 3],
      ['second', 1],
    ]);
  });

  it('reads no ignore file when the root has none', () => {
    const { root } = setup();
    expect(fromIgnoreFile(root)).toEqual([]);
  });

  it('stops the walk at an excluded folder: its entries are neither walked nor counted', async () => {
    const { root } = setup();
    plantTree(root);
    const sources = fromCommandLine(['build/']);
    const log: WalkLog = { skipped: [], escapes: [] };
    const files: string[] = [];
    for await (const batch of walkRoot(root, sources, log)) files.push(...batch.map((entry) => entry.path));
    expect(files.sort()).toEqual(['app/debug.log', 'app/main.ts', 'notes/keep.log', 'secrets/prod.env', 'top.log']);
    expect(sources[0]!.count).toBe(1);
  });
});

describe('.airlockignore', () => {
  it('excludes what it matches; the JSON names the file and counts the entries; excluded files are not scanned', () => {
    const { root, rules } = setup();
    plantTree(root);
    writeTree(root, { '.airlockignore': '# local noise\nsecrets/\n*.log\n!notes/keep.log\n' });
    const { status, report } = scanJson(['--rules', rules, root]);
    expect(status).toBe(1);
    expect(report.excluded).toEqual([{ root, by: join(root, '.airlockignore'), entries: 3 }]);
    expect(reportedPaths(report)).toEqual(['app/main.ts', 'build/nested/deep.js', 'build/out.js', 'notes/keep.log']);
    expect(report.stats.files).toBe(5); // the four above and .airlockignore itself
  });

  it('is shown in the text output, so a file in the folder cannot hide findings unseen', () => {
    const { root, rules } = setup();
    writeTree(root, { 'secrets/prod.env': `token ${fakeTestToken()}\n`, '.airlockignore': 'secrets\n' });
    const run = runCli(['scan', '--rules', rules, root]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`\nExcluded 1 entry by ${join(root, '.airlockignore')}\n`);
    expect(run.stdout).toMatch(/\nGO {2}no findings — complete scan\n\nMount plan/);
  });

  it('applies only at the top of a root, not in subfolders', () => {
    const { root, rules } = setup();
    writeTree(root, { 'sub/.airlockignore': '*\n', 'sub/token.txt': `token ${fakeTestToken()}\n` });
    const { report } = scanJson(['--rules', rules, root]);
    expect(report.excluded).toEqual([]);
    expect(reportedPaths(report)).toEqual(['sub/token.txt']);
  });

  it('applies to its own root only when several roots are scanned', () => {
    const { base, rules } = setup();
    const [first, second] = [join(base, 'one'), join(base, 'two')];
    writeTree(first, { '.airlockignore': 'a.txt\n', 'a.txt': `${fakeTestToken()}\n` });
    writeTree(second, { 'a.txt': `${fakeTestToken()}\n` });
    const { report } = scanJson(['--rules', rules, first, second]);
    expect(report.excluded).toEqual([{ root: first, by: join(first, '.airlockignore'), entries: 1 }]);
    expect(report.findings.map((f) => [f.root, f.path])).toEqual([[second, 'a.txt']]);
  });

  it('is not read when it is a FIFO: the scan finishes, nothing is excluded, the FIFO is listed as skipped', () => {
    const { root, rules } = setup();
    writeTree(root, { 'a.txt': `${fakeTestToken()}\n` });
    execFileSync('mkfifo', [join(root, '.airlockignore')]);
    const { status, report } = scanJson(['--rules', rules, root], { timeoutMs: 10_000 });
    expect(status).toBe(1);
    expect(report.excluded).toEqual([]);
    expect(report.skipped).toEqual([{ root, path: '.airlockignore', reason: 'not-regular-file', detail: 'FIFO, socket or device: never opened' }]);
    expect(reportedPaths(report)).toEqual(['a.txt']);
  });

  it('is not listed when it matched nothing', () => {
    const { root, rules } = setup();
    writeTree(root, { '.airlockignore': 'nothing-matches/\n', 'a.txt': 'x' });
    expect(scanJson(['--rules', rules, root]).report.excluded).toEqual([]);
  });
});

describe('--exclude GLOB', () => {
  it('excludes what it matches, is repeatable, and is listed with its count; excluded files are not scanned', () => {
    const { root, rules } = setup();
    plantTree(root);
    const { status, report } = scanJson(['--rules', rules, '--exclude', '*.log', '--exclude', 'build/', root]);
    expect(status).toBe(1);
    expect(report.excluded).toEqual([{ root, by: '--exclude *.log build/', entries: 4 }]);
    expect(reportedPaths(report)).toEqual(['app/main.ts', 'secrets/prod.env']);
    expect(report.stats.files).toBe(2);
  });

  it('can exclude every file with a secret: GO, with the exclusion shown', () => {
    const { root, rules } = setup();
    plantTree(root);
    const { status, report } = scanJson(['--rules', rules, '--exclude', '*', root]);
    expect(status).toBe(0);
    expect(report.verdict).toBe('go');
    expect(report.excluded).toEqual([{ root, by: '--exclude *', entries: 5 }]); // app, build, notes, secrets, top.log
    expect(report.stats.files).toBe(0);
  });

  it('is counted before .airlockignore: an entry both match counts once, against --exclude', () => {
    const { root, rules } = setup();
    plantTree(root);
    writeTree(root, { '.airlockignore': '*.log\nsecrets/\n' });
    const { report } = scanJson(['--rules', rules, '--exclude', 'top.log', root]);
    expect(report.excluded).toEqual([
      { root, by: '--exclude top.log', entries: 1 },
      { root, by: join(root, '.airlockignore'), entries: 3 },
    ]);
    expect(reportedPaths(report)).toEqual(['app/main.ts', 'build/nested/deep.js', 'build/out.js']);
  });

  it('matches a path relative to the root (gitignore syntax)', () => {
    const { root, rules } = setup();
    plantTree(root);
    const { report } = scanJson(['--rules', rules, '--exclude', '/app/*.ts', '--exclude', 'build/**/deep.js', root]);
    expect(report.excluded).toEqual([{ root, by: '--exclude /app/*.ts build/**/deep.js', entries: 2 }]);
    expect(reportedPaths(report)).toEqual(['app/debug.log', 'build/out.js', 'notes/keep.log', 'secrets/prod.env', 'top.log']);
  });
});
