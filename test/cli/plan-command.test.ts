import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TARGET_SPECS, TARGETS } from '../../src/mount/targets.js';
import { scanDocument } from '../e2e/contract.js';
import { runCli } from '../helpers/cli.js';
import { fakeTestToken } from '../helpers/fake-secrets.js';
import { git, tempDir, makeTree } from '../helpers/project-tree.js';
import { writeTestRules } from '../helpers/rules.js';

interface JsonPlan {
  mounts: { path: string; mode: string; kind: string; destination: string }[];
  excluded: { path: string; reason: string; cause: string }[];
}

/** The suite's own rules (fake-token blocks, fake-note needs review), so these tests do not follow the rule pack. */
const RULES_PARENT = mkdtempSync(join(tmpdir(), 'airlock-plan-rules-'));
const RULES = writeTestRules(RULES_PARENT);
afterAll(() => rmSync(RULES_PARENT, { recursive: true, force: true }));

const planJson = (args: string[]) => {
  const run = runCli(['plan', '--target', 'json', '--rules', RULES, ...args]);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as JsonPlan;
};

describe('airlock plan', () => {
  it('--help lists every target with its help, and the help command knows plan and stage', () => {
    const help = runCli(['plan', '--help']);
    expect(help.status).toBe(0);
    for (const target of TARGETS) expect(help.stdout).toContain(`  ${target.padEnd(14)} ${TARGET_SPECS[target].help}`);
    expect(runCli(['help', 'plan']).stdout).toBe(help.stdout);
    expect(runCli(['help', 'stage']).stdout).toMatch(/^Usage: airlock stage PATH --to DIR/);
    expect(runCli(['--help']).stdout).toMatch(/airlock plan .*\n.*airlock stage/);
    for (const text of [help.stdout, runCli(['stage', '--help']).stdout]) {
      expect(text.split('\n').filter((line) => line.length > 80)).toEqual([]);
    }
  });

  it.each([
    [[], /--target is required: one of cowork, docker, compose, devcontainer, bwrap, bwrap-args, claude, json/],
    [['--target', 'k8s'], /--target must be one of .*, not "k8s"/],
    [['--target', 'cowork', '--rw', '.'], /--rw does not apply to cowork: every folder it is given is writable/],
    [['--target', 'claude', '--dest', '/w'], /--dest does not apply to claude/],
    [['--target', 'docker', '--dest', 'relative'], /--dest must be an absolute path/],
    [['--target', 'docker', '--dest', '/'], /--dest cannot be \//],
    [['--target', 'docker', '--accept', 'block'], /--accept must be one of review, not "block"/],
    [['--target', 'docker', '--collapse', 'sometimes'], /--collapse must be one of auto, always, never, not "sometimes"/],
    [['--target', 'cowork', '--collapse', 'always'], /--collapse always does not apply to cowork: it cannot hide a path inside a mount/],
    [['--target', 'json', '--collapse', 'always'], /--collapse always does not apply to json/],
  ])('usage error (exit 2): %j', (args, message) => {
    const dir = tempDir();
    const run = runCli(['plan', dir, ...args]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('refuses a --rw path that is not in the plan (exit 2), saying why', () => {
    const dir = makeTree(tempDir(), { '.env': `T=${fakeTestToken()}\n`, 'src/a.js': 'a\n' });
    const run = runCli(['plan', dir, '--rules', RULES, '--target', 'docker', '--rw', join(dir, '.env')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--rw .*\/\.env: left out of the plan \(.*blocking finding: fake-token\)/);
    expect(runCli(['plan', dir, '--target', 'docker', '--rw', '/etc']).stderr).toMatch(/--rw \/etc: not inside any folder being planned/);
  });

  it('exits 1 when nothing is safe to mount', () => {
    const dir = makeTree(tempDir(), { '.env': `T=${fakeTestToken()}\n` });
    const run = runCli(['plan', dir, '--rules', RULES, '--target', 'docker']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/plan for docker: 0 mounts \(all read-only\), 1 left out/);
  });

  it('mounts a clean folder whole, and uses --dest', () => {
    const dir = makeTree(tempDir(), { 'src/a.js': 'a\n', 'b.md': 'b\n' });
    expect(planJson([dir, '--dest', '/sandbox'])).toEqual({
      mounts: [{ path: dir, mode: 'ro', kind: 'dir', destination: `/sandbox/${dir.split('/').pop()}` }],
      excluded: [],
    });
  });

  it('leaves out paths kept out of the scan (--exclude), since they are not known to be clean', () => {
    const dir = makeTree(tempDir(), { 'node_modules/x/index.js': 'x\n', 'src/a.js': 'a\n' });
    const plan = planJson([dir, '--exclude', 'node_modules']);
    expect(plan.mounts.map((m) => m.path)).toEqual([join(dir, 'src')]);
    expect(plan.excluded).toEqual([{ path: join(dir, 'node_modules'), kind: 'dir', cause: 'unscanned', reason: 'not scanned, so not known to be clean: kept out of the scan by --exclude node_modules' }]);
    // A .airlockignore inside the folder cannot make what it hides look clean to the plan.
    makeTree(dir, { '.airlockignore': 'src/\n' });
    expect(planJson([dir]).excluded.map((e) => [e.path, e.reason])).toEqual([[join(dir, 'src'), `not scanned, so not known to be clean: kept out of the scan by ${join(dir, '.airlockignore')}`]]);
  });

  it('keeps a .git with clean history inside the mount, and leaves out one with a secret in its history or unread', () => {
    const dir = makeTree(tempDir(), { 'a.js': 'a\n' });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'init');
    expect(planJson([dir]).mounts.map((m) => m.path)).toEqual([dir]);
    const unread = planJson([dir, '--no-history']);
    expect(unread.excluded.map((e) => [e.path, e.cause])).toEqual([[join(dir, '.git'), 'unscanned']]);
    expect(unread.excluded[0]!.reason).toMatch(/git history not read \(--no-history, or git missing\); mount a fresh clone without history \(git clone --depth 1\)/);

    makeTree(dir, { 'config.js': `export const token = "${fakeTestToken()}";\n` });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'oops');
    git(dir, 'rm', '-q', 'config.js');
    git(dir, 'commit', '-qm', 'remove it');
    const leaky = planJson([dir]);
    expect(leaky.mounts.map((m) => m.path)).toEqual([join(dir, 'a.js')]);
    expect(leaky.excluded.map((e) => [e.path, e.cause])).toEqual([[join(dir, '.git'), 'history']]);
  });

  it('leaves out a nested .git whose unmodified tracked files hold a secret, not one whose flagged files are changed or untracked', () => {
    const dir = makeTree(tempDir(), { 'app/committed.js': `export const t = "${fakeTestToken()}";\n`, 'app/edited.js': 'clean\n', 'app/src/a.js': 'a\n' });
    const app = join(dir, 'app');
    git(app, 'init', '-q', '-b', 'main');
    git(app, 'add', '-A');
    git(app, 'commit', '-qm', 'init');
    // Changed after the commit, and never committed: their secrets are not in the objects.
    makeTree(dir, { 'app/edited.js': `export const t = "${fakeTestToken()}";\n`, 'app/new.js': `export const t = "${fakeTestToken()}";\n` });
    const plan = planJson([dir]);
    expect(plan.excluded.map((e) => [e.path, e.cause])).toEqual([
      [join(app, '.git'), 'history'],
      [join(app, 'committed.js'), 'block'],
      [join(app, 'edited.js'), 'block'],
      [join(app, 'new.js'), 'block'],
    ]);
    expect(plan.excluded[0]!.reason).toMatch(/: committed copies of app\/committed\.js; mount a fresh clone/);

    git(app, 'rm', '-q', '--cached', 'committed.js');
    git(app, 'commit', '-qm', 'untrack it');
    // Still in the history (found there, merged with the file): the .git stays out, for that reason.
    expect(planJson([dir]).excluded[0]!.reason).toMatch(/in its history \(first in commit [0-9a-f]{10}\); mount a fresh clone/);
  });

  it('traces each of several repositories\' history findings to its own commit, and keeps each one\'s tracked files for the plan', () => {
    // Histories are let go of one by one as the last of their blobs is reported: what the end of
    // the scan needs (the commit that introduced a finding, the unmodified tracked files) must
    // survive that, for every repository, whichever finishes first.
    const names = ['one', 'two', 'three', 'four'];
    const dir = makeTree(tempDir(), Object.fromEntries(names.flatMap((name) => [[`${name}/kept.js`, `export const t = "${fakeTestToken()}";\n`], [`${name}/gone.js`, `export const t = "${fakeTestToken()}";\n`], [`${name}/src/a.js`, `${name}\n`]])));
    const removal = new Map<string, string>();
    for (const name of names) {
      const repo = join(dir, name);
      git(repo, 'init', '-q', '-b', 'main');
      git(repo, 'add', '-A');
      git(repo, 'commit', '-qm', 'init');
      git(repo, 'rm', '-q', 'gone.js');
      git(repo, 'commit', '-qm', 'remove it');
      removal.set(name, git(repo, 'rev-parse', 'HEAD~1').trim());
    }
    const scanned = JSON.parse(runCli(['scan', dir, '--rules', RULES, '--format', 'json', '--jobs', '2']).stdout) as { findings: { path: string; commit?: string; locations?: { source: string; path: string; commit?: string }[] }[] };
    for (const name of names) {
      const history = scanned.findings.filter((f) => f.path === `${name}/gone.js`);
      expect(history, name).toHaveLength(1);
      expect(history[0]!.commit, name).toBe(removal.get(name));
    }
    const plan = planJson([dir]);
    expect(plan.excluded.filter((e) => e.cause === 'history').map((e) => [e.path, e.reason.includes(`committed copies of ${e.path.split('/').at(-2)}/kept.js`)])).toEqual(names.map((name) => [join(dir, name, '.git'), true]).sort());
  });

  it('leaves out every file and the .git holding a secret the scan reports once (merged duplicates)', () => {
    const token = fakeTestToken();
    const dir = makeTree(tempDir(), { '.env': `T=${token}\n`, 'backup/old.env': `T=${token}\n`, 'src/a.js': 'a\n' });
    const twice = planJson([dir]);
    expect(twice.excluded.map((e) => [e.path, e.cause])).toEqual([[join(dir, '.env'), 'block'], [join(dir, 'backup/old.env'), 'block']]);
    // Committed once and removed; the same value now sits in an untracked .env: one finding, two places.
    git(dir, 'init', '-q', '-b', 'main');
    makeTree(dir, { 'config.js': `export const t = "${token}";\n` });
    git(dir, 'add', 'config.js', 'src');
    git(dir, 'commit', '-qm', 'oops');
    git(dir, 'rm', '-q', 'config.js');
    git(dir, 'commit', '-qm', 'remove it');
    const scanned = JSON.parse(runCli(['scan', dir, '--rules', RULES, '--format', 'json']).stdout) as { findings: { path: string; locations?: { source: string }[] }[] };
    expect(scanned.findings.some((f) => f.locations?.some((l) => l.source === 'git-history'))).toBe(true);
    expect(planJson([dir]).excluded.map((e) => [e.path, e.cause])).toEqual([
      [join(dir, '.env'), 'block'],
      [join(dir, '.git'), 'history'],
      [join(dir, 'backup/old.env'), 'block'],
    ]);
  });

  it('mounts what an allowlist accepted, and says so', () => {
    const dir = makeTree(tempDir(), { 'notes.txt': `T=${fakeTestToken()}\n`, 'src/a.js': 'a\n' });
    const fingerprint = (JSON.parse(runCli(['scan', dir, '--rules', RULES, '--format', 'json']).stdout) as { findings: { fingerprint: string }[] }).findings[0]!.fingerprint;
    const list = makeTree(tempDir(), { 'accepted.txt': `${fingerprint}\n` });
    const run = runCli(['plan', dir, '--rules', RULES, '--target', 'json', '--allowlist', join(list, 'accepted.txt')]);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as JsonPlan).mounts.map((m) => m.path)).toEqual([dir]);
    expect(run.stderr).toContain(`airlock: 1 suppressed finding (${join(list, 'accepted.txt')}) not kept out of the plan`);
    // A folder's own .airlockallow is obeyed, and named; --no-folder-config refuses it.
    makeTree(dir, { '.airlockallow': `${fingerprint}\n` });
    expect(runCli(['plan', dir, '--rules', RULES, '--target', 'json']).stderr).toContain(`(${join(dir, '.airlockallow')}) not kept out of the plan`);
    expect(planJson([dir, '--no-folder-config']).excluded.map((e) => e.path)).toEqual([join(dir, 'notes.txt')]);
  });

  it('follows a root given as a link to a folder (the user named it), and nothing below it', () => {
    const dir = tempDir();
    const real = makeTree(join(dir, 'real'), { '.env': `T=${fakeTestToken()}\n`, 'src/a.js': 'a\n', 'src-link': { link: 'src' } });
    makeTree(dir, { 'named-link': { link: real } });
    const plan = planJson([join(dir, 'named-link')]);
    expect(plan.mounts.map((m) => m.path)).toEqual([join(dir, 'named-link', 'src')]);
    expect(plan.excluded.map((e) => [e.path, e.cause])).toEqual([[join(dir, 'named-link', '.env'), 'block'], [join(dir, 'named-link', 'src-link'), 'link']]);
  });

  it('refuses nested roots for a plan (scan still scans them, and says there is no plan)', () => {
    const dir = makeTree(tempDir(), { 'src/a.js': 'a\n' });
    const plan = runCli(['plan', dir, join(dir, 'src'), '--target', 'docker']);
    expect(plan.status).toBe(2);
    expect(plan.stderr).toContain(`airlock: ${join(dir, 'src')} is inside ${dir}: plan one or the other`);
    const scanned = runCli(['scan', dir, join(dir, 'src'), '--format', 'json']);
    expect(scanned.status).toBe(0);
    expect(scanned.stderr).toContain('airlock: no mount plan: ');
    expect(JSON.parse(scanned.stdout)).not.toHaveProperty('plan');
  });

  it('keeps review-only files out unless --accept review', () => {
    const dir = tempDir();
    const root = makeTree(join(dir, 'app'), { 'a.js': 'a\n', 'etc-link': { link: '/etc' } });
    expect(planJson([root]).excluded.map((e) => e.cause)).toEqual(['review']);
    expect(planJson([root, '--accept', 'review']).mounts.map((m) => m.path)).toEqual([root]);
  });
});

describe('the plan in airlock scan output', () => {
  it('is in the JSON (contract shape) and ends the text report', () => {
    const dir = makeTree(tempDir(), { '.env': `T=${fakeTestToken()}\n`, 'src/a.js': 'a\n' });
    const json = runCli(['scan', dir, '--rules', RULES, '--format', 'json']);
    const document = scanDocument.parse(JSON.parse(json.stdout));
    expect(document.plan).toEqual({
      mounts: [{ path: join(dir, 'src'), mode: 'ro' }],
      excluded: [{ path: join(dir, '.env'), reason: 'blocking finding: fake-token' }],
    });
    const text = runCli(['scan', dir, '--rules', RULES]).stdout;
    const planAt = text.indexOf('Mount plan');
    expect(planAt).toBeGreaterThan(text.indexOf('NO-GO'));
    expect(text.slice(planAt)).toBe(
      [
        'Mount plan — share this, read-only unless marked rw:',
        `  ro  ${join(dir, 'src')}`,
        'Leave out (1):',
        `  --  ${join(dir, '.env')}`,
        '      blocking finding: fake-token',
        'Export it for a sandbox with `airlock plan --target TARGET` (docker, compose,',
        'devcontainer, bwrap, claude, cowork, json), or make a clean copy with `airlock',
        'stage`.',
        '',
      ].join('\n'),
    );
  });

  it('is not made for --staged scans', () => {
    const dir = makeTree(tempDir(), { 'a.js': 'a\n' });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    const run = runCli(['scan', '--staged', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(run.stdout)).not.toHaveProperty('plan');
  });
});
