import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { noteCacheRead, writeCacheFile, type CacheFolder } from './cache-dir.js';

/**
 * The rules cache and prefilter automaton of the shipped rules, written by the build
 * (`npm run build` runs `dist/pipeline/prebuild.js`) into `dist/prebuilt/`, named as in a cache folder.
 * A first run, or any run with an empty cache folder (a git hook in a fresh container), reads
 * them instead of parsing the rule files (0.45 s), working out their start offsets after the
 * scan (0.6 s of a thread) and building the automaton: 1.3 s of the bench tree's cold scan.
 * They are keyed like cache files (the rule files' absolute names, sizes and mtimes, airlock's
 * version, V8's), so a rule file edited since the build is never read from them.
 */
export const PREBUILT_DIR = fileURLToPath(new URL('../prebuilt/', import.meta.url));

/**
 * The bytes of `file` (a path in `cache`, or where `cache` would be) from the cache folder, or
 * else from the prebuilt folder, copied into the cache folder when it can be written (later
 * runs read their own copy, and the cache holds what a run that wrote it would hold).
 */
export function readCacheOrPrebuilt(cache: CacheFolder | undefined, file: string): Buffer | undefined {
  if (cache) {
    try {
      const bytes = readFileSync(file);
      noteCacheRead(cache, file);
      return bytes;
    } catch {
      // none yet: the prebuilt one, if the build left one
    }
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(`${PREBUILT_DIR}${basename(file)}`);
  } catch {
    return undefined;
  }
  if (cache?.isWritable) writeCacheFile(cache, file, bytes);
  return bytes;
}
