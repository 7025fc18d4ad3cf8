import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDirectory } from '../src/pipeline/cache-dir.js';
import { runCli } from './helpers/cli.js';
import { useTempDir, writeTree } from './helpers/temp-dir.js';

/** `test/helpers/isolated-cache.ts` (vitest's globalSetup) keeps the suite out of the developer's cache. */
describe('the test suite', () => {
  it('runs with a cache folder of its own in the temp folder', () => {
    const dir = process.env.AIRLOCK_CACHE_DIR;
    expect(dir?.startsWith(join(tmpdir(), 'airlock-test-cache-'))).toBe(true);
    expect(cacheDirectory()).toBe(dir);
  });

  it('passes it to the CLI it runs, which then writes nothing under $HOME', () => {
    const base = useTempDir();
    const home = join(base, 'home');
    writeTree(base, { 'home/.keep': '', 'project/README.md': 'hello\n' });
    const run = runCli(['scan', join(base, 'project')], { env: { HOME: home, XDG_CACHE_HOME: undefined } });
    expect(run.status).toBe(0);
    expect(readdirSync(home)).toEqual(['.keep']);
    expect(readdirSync(process.env.AIRLOCK_CACHE_DIR!).some((name) => name.startsWith('rules-'))).toBe(true);
  });
});
