import { createHash } from 'node:crypto';
import { closeSync, fstatSync, readSync } from 'node:fs';
import type { ObjectFormat } from '../git/history.js';
import { openQuietly } from './read-file.js';

const chunk = Buffer.allocUnsafe(1 << 20);

/**
 * A file's git blob id as it is now (the hash of `blob <size>` NUL and its bytes, as git makes
 * it with no filter), read the way airlock reads every file: without moving its access time,
 * never through a link. Undefined when it cannot be read, is not a regular file, or changed
 * size while read. `breathe` is awaited after each megabyte: a large file does not hold up the
 * event loop (the progress line, the workers' next files) while it is hashed.
 */
export async function blobIdOf(path: string, format: ObjectFormat, breathe: () => Promise<void> = async () => {}): Promise<string | undefined> {
  let fd: number;
  try {
    fd = openQuietly(path);
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return undefined;
    const hash = createHash(format).update(`blob ${stats.size}\0`);
    let read = 0;
    for (let n = readSync(fd, chunk, 0, chunk.length, null); n > 0; n = readSync(fd, chunk, 0, chunk.length, null)) {
      hash.update(chunk.subarray(0, n));
      read += n;
      await breathe();
    }
    return read === stats.size ? hash.digest('hex') : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** How long hashing runs before the event loop gets a turn. */
const TURN_MS = 20;

/** The blob ids of many files, in order, the event loop getting a turn every TURN_MS. */
export async function blobIdsOf(paths: readonly string[], format: ObjectFormat): Promise<(string | undefined)[]> {
  let since = performance.now();
  const breathe = async () => {
    if (performance.now() - since < TURN_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    since = performance.now();
  };
  const ids: (string | undefined)[] = [];
  for (const path of paths) {
    ids.push(await blobIdOf(path, format, breathe));
    await breathe();
  }
  return ids;
}
