import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Prefilter } from '../engine/prefilter.js';
import { writeCacheFile, type CacheFolder } from './cache-dir.js';
import { PREBUILT_DIR, readCacheOrPrebuilt } from './prebuilt.js';

/** Bump when the image's layout changes (the engine also refuses an image it cannot read). */
const FORMAT = 1;

/** The cache file for the automaton of these keywords: one per set of keywords (rules and configuration). */
const imageFile = (dir: string, keywords: readonly string[]) =>
  join(dir, `prefilter-${createHash('sha256').update(`${FORMAT}\0${keywords.join('\0')}`).digest('hex').slice(0, 32)}.bin`);

/** The image kept for these keywords, if any: `createPrefilter` checks it before use. */
export function readPrefilterImage(cache: CacheFolder | undefined, keywords: readonly string[]): Uint8Array | undefined {
  // None yet: the automaton is built, and kept below.
  return readCacheOrPrebuilt(cache, imageFile(cache?.dir ?? PREBUILT_DIR, keywords));
}

/** Keeps a prefilter's automaton that was built, not read: the next run reads it instead (a git hook's 15 ms). */
export function keepPrefilterImage(cache: CacheFolder | undefined, keywords: readonly string[], prefilter: Prefilter): void {
  if (cache?.isWritable && !prefilter.isFromImage) writeCacheFile(cache, imageFile(cache.dir, keywords), prefilter.image());
}
