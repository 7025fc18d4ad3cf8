import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve, sep } from 'node:path';

/**
 * airlock's cache folder: `$AIRLOCK_CACHE_DIR`, else `$XDG_CACHE_HOME/airlock`, else
 * `~/.cache/airlock`. `AIRLOCK_CACHE_DIR=off` turns caching off. It holds rule definitions and
 * per-file results (fingerprints and masked values only, never a secret).
 */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env.AIRLOCK_CACHE_DIR;
  if (chosen !== undefined) return chosen === '' || chosen === 'off' ? undefined : resolve(chosen);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), 'airlock');
  const home = env.HOME ?? homedir();
  return home ? join(home, '.cache', 'airlock') : undefined;
}

const real = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
};

/** airlock never writes into a folder it scans, its cache included: false when the cache is inside a root. */
export function isCacheWritable(cacheDir: string, roots: string[]): boolean {
  const cache = real(cacheDir) + sep;
  return roots.every((root) => !cache.startsWith(real(root).replace(/\/?$/, sep)));
}
