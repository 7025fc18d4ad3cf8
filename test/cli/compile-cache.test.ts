import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCompileCacheForHook } from '../../src/cli/compile-cache.js';
import { runCli } from '../helpers/cli.js';
import { useRepo } from '../helpers/git-repo.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

/** Every file under a folder, as paths relative to it. */
const filesUnder = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)) : [];

/** The environment of a hook run, less what would point Node or git elsewhere. */
const hookEnv = (cache: string) => ({ AIRLOCK_CACHE_DIR: cache, NODE_COMPILE_CACHE: undefined, GIT_DIR: undefined, GIT_WORK_TREE: undefined });

describe("a git hook's compiled modules, kept in airlock's cache folder", () => {
  it('are written by scan --staged when the cache folder is outside the repository, and used by the next one', () => {
    const repo = useRepo();
    repo.write('app.ts', 'export const answer = 42;\n').commit('first');
    repo.write('app.ts', 'export const answer = 43;\n').git('add', 'app.ts');
    const cache = useTempDir('airlock-cache-');
    const first = runCli(['scan', '--staged', '--format', 'json'], { cwd: repo.dir, env: hookEnv(cache) });
    expect(first.status).toBe(0);
    const compiled = filesUnder(join(cache, 'compile'));
    // One entry per module loaded once the folder is set: the bundle's (scripts/bundle.ts), its core among them.
    expect(compiled.length).toBeGreaterThanOrEqual(2);
    // Node says, when asked, which compiled modules it took from the folder.
    const second = runCli(['scan', '--staged', '--format', 'json'], { cwd: repo.dir, env: { ...hookEnv(cache), NODE_DEBUG_NATIVE: 'COMPILE_CACHE' } });
    expect(second.status).toBe(0);
    const accepted = [...second.stderr.matchAll(/V8 code cache for ESM (\S+) was accepted/g)].map((match) => match[1]);
    expect(accepted).toHaveLength(compiled.length);
    expect(accepted).toContainEqual(expect.stringMatching(/\/dist\/bundle\/core-[\w-]+\.js$/));
    expect(JSON.parse(second.stdout).verdict).toBe(JSON.parse(first.stdout).verdict);
    expect(filesUnder(join(cache, 'compile')).sort()).toEqual(compiled.sort());
  });

  it('are not written when the cache folder lies inside the repository scanned', () => {
    const repo = useRepo();
    repo.write('app.ts', 'export const answer = 42;\n').git('add', 'app.ts');
    const cache = join(repo.dir, 'tools', 'cache');
    const run = runCli(['scan', '--staged'], { cwd: join(repo.dir), env: hookEnv(cache) });
    expect(run.status).toBe(0);
    expect(existsSync(cache)).toBe(false);
  });

  it('are not written by a scan of a folder, whose roots may hold the cache folder', () => {
    const home = useTempDir('airlock-home-');
    writeTree(home, { 'code/readme.txt': 'nothing here\n' });
    const cache = join(home, '.cache', 'airlock');
    const run = runCli(['scan', home], { cwd: home, env: hookEnv(cache) });
    expect(run.status).toBe(0);
    expect(filesUnder(join(cache, 'compile'))).toEqual([]);
  });

  it.each([
    { args: ['scan', '--', '--staged'], why: '"--staged" after "--" is a folder to scan' },
    { args: ['audit', '--staged'], why: 'not a scan' },
    { args: ['scan', '.'], why: 'not --staged' },
  ])('is left off for $args: $why', ({ args }) => {
    const repo = useRepo();
    expect(useCompileCacheForHook(args, repo.dir, { AIRLOCK_CACHE_DIR: useTempDir('airlock-cache-') })).toBeUndefined();
  });

  it('is left off when git is pointed at a repository by the environment, or caching is off', () => {
    const repo = useRepo();
    const cache = useTempDir('airlock-cache-');
    expect(useCompileCacheForHook(['scan', '--staged'], repo.dir, { AIRLOCK_CACHE_DIR: cache, GIT_DIR: join(repo.dir, '.git') })).toBeUndefined();
    expect(useCompileCacheForHook(['scan', '--staged'], repo.dir, { AIRLOCK_CACHE_DIR: 'off' })).toBeUndefined();
    expect(useCompileCacheForHook(['scan', '--staged'], useTempDir('airlock-not-a-repo-'), { AIRLOCK_CACHE_DIR: cache })).toBeUndefined();
  });
});
