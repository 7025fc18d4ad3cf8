import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { GitRepo } from '../helpers/git-repo.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';
import { unprivileged } from '../helpers/unprivileged.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const MiB = 1024 * 1024;
const name = (prefix: string, digit: string, suffix: string) => `${prefix}-${digit.repeat(prefix === 'rules' ? 32 : 24)}${suffix}`;

const age = (file: string, ageMs: number) => {
  const when = new Date(Date.now() - ageMs);
  utimesSync(file, when, when);
};

/** A file last used `ageMs` ago; `bytes` of it sparse, so a test can fill hundreds of MiB without writing them. */
function plant(dir: string, file: string, ageMs: number, bytes = 10): string {
  const path = join(dir, file);
  writeFileSync(path, '');
  truncateSync(path, bytes);
  age(path, ageMs);
  return path;
}

/** A project whose files are old enough to be cached, and an empty cache folder for it. */
function setup() {
  const base = useTempDir();
  chmodSync(base, 0o755); // an unprivileged run may have to be another user
  const root = join(base, 'project');
  writeTree(root, { 'README.md': 'hello\n', 'src/app.js': 'export const answer = 42;\n' });
  for (const file of ['README.md', 'src/app.js']) age(join(root, file), MINUTE);
  const cache = join(base, 'cache');
  mkdirSync(cache, { mode: 0o700 });
  return { base, root, cache, env: { AIRLOCK_CACHE_DIR: cache } };
}

const scanText = (root: string, env: NodeJS.ProcessEnv, wrapper?: string[]) => runCli(['scan', root], { env, wrapper });
const cacheFiles = (cache: string, prefix: string) => readdirSync(cache).filter((f) => f.startsWith(prefix));

describe('the cache folder, pruned by the CLI', () => {
  it('loses what was unused for 30 days after a scan, and keeps recent files and anything not its own', () => {
    const { root, cache, env } = setup();
    const old = [name('scan', 'a', '.cache'), name('scan', 'b', '.json'), name('rules', 'c', '.json'), name('history', 'd', '.paths'), name('history', 'f', '.commits'), `${name('scan', 'e', '.cache')}.99.tmp`];
    const recent = [name('scan', '1', '.cache'), name('rules', '2', '.json'), name('history', '3', '.paths')];
    for (const file of old) plant(cache, file, 31 * DAY);
    for (const file of recent) plant(cache, file, 29 * DAY);
    plant(cache, 'notes.txt', 400 * DAY);
    const folder = name('history', '9', '.paths');
    mkdirSync(join(cache, folder));
    plant(join(cache, folder), name('scan', 'f', '.cache'), 400 * DAY);

    const run = scanText(root, env);
    expect(run.status).toBe(0);
    const left = readdirSync(cache);
    for (const file of old) expect(left).not.toContain(file);
    expect(left).toEqual(expect.arrayContaining([...recent, 'notes.txt', folder]));
    expect(readdirSync(join(cache, folder))).toEqual([name('scan', 'f', '.cache')]);
  });

  it('keeps the folder under 256 MiB, deleting the least recently used first', () => {
    const { root, cache, env } = setup();
    const [oldest, older, newer] = ['1', '2', '3'].map((digit) => name('scan', digit, '.cache'));
    plant(cache, oldest!, 3 * 60 * MINUTE, 100 * MiB);
    plant(cache, older!, 2 * 60 * MINUTE, 100 * MiB);
    plant(cache, newer!, 60 * MINUTE, 100 * MiB);

    expect(scanText(root, env).status).toBe(0);
    const left = readdirSync(cache);
    expect(left).not.toContain(oldest);
    expect(left).toEqual(expect.arrayContaining([older, newer]));
    expect(left.reduce((sum, file) => sum + statSync(join(cache, file)).size, 0)).toBeLessThanOrEqual(256 * MiB);
  });

  it('marks the files a scan reuses as used (their mtime), once they are a day old', () => {
    const { root, cache, env } = setup();
    expect(scanText(root, env).status).toBe(0);
    const reused = [...cacheFiles(cache, 'scan-'), ...cacheFiles(cache, 'rules-')];
    expect(reused).toHaveLength(2);
    for (const file of reused) age(join(cache, file), 10 * DAY);

    const started = Date.now();
    expect(scanText(root, env).status).toBe(0);
    for (const file of reused) expect(statSync(join(cache, file)).mtimeMs).toBeGreaterThanOrEqual(started - 1000);
  });

  it("never deletes the files the scan is using to make room, even the least recently used", () => {
    const { root, cache, env } = setup();
    expect(scanText(root, env).status).toBe(0);
    const inUse = [...cacheFiles(cache, 'scan-'), ...cacheFiles(cache, 'rules-')];
    expect(inUse).toHaveLength(2);
    // Used half a day ago, so the next scan does not bump them: by mtime they go first.
    for (const file of inUse) age(join(cache, file), 12 * 60 * MINUTE);
    const others = ['1', '2', '3'].map((digit, i) => plant(cache, name('scan', digit, '.cache'), (60 - 10 * i) * MINUTE, 100 * MiB));
    age(join(cache, 'last-prune'), 2 * DAY);

    expect(scanText(root, env).status).toBe(0);
    const left = readdirSync(cache);
    expect(left).toEqual(expect.arrayContaining(inUse));
    expect(others.map((file) => existsSync(file))).toEqual([false, true, true]);
  });

  it('scans as usual when the cache folder is read-only, deleting nothing', () => {
    const { root, cache, env } = setup();
    const writable = scanText(root, env);
    expect(writable.status).toBe(0);
    const stale = plant(cache, name('scan', 'a', '.cache'), 40 * DAY);
    age(join(cache, 'last-prune'), 2 * DAY); // so pruning is due and tries to delete
    chmodSync(cache, 0o555);
    try {
      const run = scanText(root, env, unprivileged().wrapper);
      expect({ status: run.status, stdout: run.stdout.replace(/ in [\d.]+ s/, ''), stderr: run.stderr }).toEqual({
        status: 0,
        stdout: writable.stdout.replace(/ in [\d.]+ s/, ''),
        stderr: '',
      });
      expect(existsSync(stale)).toBe(true);
    } finally {
      chmodSync(cache, 0o700);
    }
  });

  it('does not wait on a FIFO planted in place of its marker', () => {
    const { root, cache, env } = setup();
    execFileSync('mkfifo', [join(cache, 'last-prune')]);
    const run = runCli(['scan', root], { env, timeoutMs: 20_000 });
    expect({ status: run.status, signal: run.signal }).toEqual({ status: 0, signal: null });
  });

  it('prunes after `scan --staged` only once a day when the hook wrote nothing', () => {
    const { cache, env } = setup();
    const repo = new GitRepo();
    try {
      repo.write('app.js', 'export const answer = 42;\n');
      repo.git('add', 'app.js');
      expect(runCli(['scan', '--staged'], { cwd: repo.dir, env }).status).toBe(0);
      const stale = plant(cache, name('scan', 'a', '.cache'), 40 * DAY);
      expect(runCli(['scan', '--staged'], { cwd: repo.dir, env }).status).toBe(0);
      expect(existsSync(stale)).toBe(true);

      age(join(cache, 'last-prune'), DAY + MINUTE);
      expect(runCli(['scan', '--staged'], { cwd: repo.dir, env }).status).toBe(0);
      expect(existsSync(stale)).toBe(false);
    } finally {
      repo.remove();
    }
  });
});

describe('the rule definitions cache', () => {
  // Passes the schema, fails the compile step, which runs on cached definitions too: its
  // message names the rule file, as the loader would from this working folder.
  const RULE_WITHOUT_SECRET_GROUP = `rules:
  - id: no-secret-group
    name: No secret group
    category: token
    severity: block
    description: A pattern that only the compile step refuses.
    remediation: Add the group.
    content:
      pattern: 'fake_tok_[A-Za-z0-9]{32}'
      keywords: [fake_tok_]
    examples: ["fake_tok_Q7rT2mZp9LxW4nVb8KcJ3hYd6FgS1aEu", "fake_tok_Lm3Nx8Vb2Tc7Hy4Qw9Kp1Zr6Ds5Fg0Aj"]
    negative_examples: ["fake_tok_Q7rT2mZp9LxW4nVb", "fake-tok-Lm3Nx8Vb2Tc7Hy4Qw9Kp1Zr6Ds5Fg0Aj"]
`;

  it('is one file for every working folder, and names rule files as a fresh load would', () => {
    const { base, root, cache, env } = setup();
    writeTree(base, { 'rules/bad.yml': RULE_WITHOUT_SECRET_GROUP });
    const runs = [
      { cwd: base, args: ['scan', '--rules', 'rules', 'project'] },
      { cwd: root, args: ['scan', '--rules', '../rules', '.'] },
      { cwd: join(root, 'src'), args: ['scan', '--rules', join(base, 'rules'), '..'] },
    ];
    for (const [i, { cwd, args }] of runs.entries()) {
      const fresh = runCli(args, { cwd, env: { AIRLOCK_CACHE_DIR: 'off' } });
      expect(fresh.stderr).toContain('bad.yml: rule no-secret-group: content.pattern: needs a named group');
      const cached = runCli(args, { cwd, env });
      expect({ status: cached.status, stdout: cached.stdout, stderr: cached.stderr }).toEqual({ status: fresh.status, stdout: fresh.stdout, stderr: fresh.stderr });
      const [file, ...more] = cacheFiles(cache, 'rules-');
      expect(more).toEqual([]);
      // Read, not written again, after the first run.
      if (i === 0) age(join(cache, file!), 60 * MINUTE);
      else expect(Date.now() - statSync(join(cache, file!)).mtimeMs).toBeGreaterThan(59 * MINUTE);
    }
  });
});
