import { existsSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { dirname, join } from 'node:path';
import { cacheDirectory, isCacheWritable } from '../pipeline/cache-dir.js';
import { leadingOptions } from './leading-options.js';

/** The folder holding `.git` at or above `from`: the work tree `scan --staged` reads. */
function enclosingWorkTree(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * A git hook runs `airlock scan --staged` on every commit, and compiling airlock's own modules
 * was a tenth of its start: Node keeps their compiled code in `compile/` of airlock's cache
 * folder for the next commit. Only for `--staged`, whose one root is the repository around the
 * working folder, and only when the cache folder lies outside it (airlock never writes into a
 * folder it scans): the roots of other commands are known only once their arguments are
 * parsed, after the modules have loaded. Called before any of them is imported.
 */
export function useCompileCacheForHook(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const options = leadingOptions(args);
  if (options[0] !== 'scan' || !options.includes('--staged')) return undefined;
  // A repository named by the environment may have its work tree anywhere.
  if (env.GIT_DIR !== undefined || env.GIT_WORK_TREE !== undefined) return undefined;
  const cache = cacheDirectory(env);
  const workTree = enclosingWorkTree(cwd);
  if (cache === undefined || workTree === undefined || !isCacheWritable(cache, [workTree])) return undefined;
  // Looked up, not imported by name: Node before 22.8 has none, and bin.js must still load there to say so.
  return nodeModule.enableCompileCache?.(join(cache, 'compile')).directory;
}
