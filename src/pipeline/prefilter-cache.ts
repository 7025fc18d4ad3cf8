import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Prefilter } from '../engine/prefilter.js';
import { noteCacheRead, writeCacheFile, type CacheFolder } from './cache-dir.js';

/** Bump when the image's layout changes (the engine also refuses an image it cannot read). */
const FORMAT = 1;

/** The cache file for the automaton of these keywords: one per set of keywords (rules and configuration). */
const imageFile = (cache: CacheFolder, keywords: readonly string[]) =>
  join(cache.dir, `prefilter-${createHash('sha256').update(`${FORMAT}\0${keywords.join('\0')}`).digest('hex').slice(0, 32)}.bin`);

/** The image kept for these keywords, if any: `createPrefilter` checks it before use. */
export function readPrefilterImage(cache: CacheFolder | undefined, keywords: readonly string[]): Uint8Array | undefined {
  if (!cache) return undefined;
  const file = imageFile(cache, keywords);
  try {
    const image = readFileSync(file);
    noteCacheRead(cache, file);
    return image;
  } catch {
    return undefined; // none yet: the automaton is built, and kept below
  }
}

/** Keeps a prefilter's automaton that was built, not read: the next run reads it instead (a git hook's 15 ms). */
export function keepPrefilterImage(cache: CacheFolder | undefined, keywords: readonly string[], prefilter: Prefilter): void {
  if (cache?.isWritable && !prefilter.isFromImage) writeCacheFile(cache, imageFile(cache, keywords), prefilter.image());
}
