import { createHash } from 'node:crypto';
import { closeSync, fstatSync, readSync } from 'node:fs';
import { openQuietly } from './read-file.js';

/** How a repository names its objects: SHA-1 (40 hex digits) or SHA-256 (64). */
export type ObjectFormat = 'sha1' | 'sha256';

const chunk = Buffer.allocUnsafe(1 << 20);

/**
 * A file's git blob id as it is now (the hash of `blob <size>` NUL and its bytes, as git makes
 * it with no filter), read the way airlock reads every file: without moving its access time,
 * never through a link. Undefined when it cannot be read, is not a regular file, or changed
 * size while read.
 */
export function blobIdOf(path: string, format: ObjectFormat): string | undefined {
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
    }
    return read === stats.size ? hash.digest('hex') : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Files hashed between turns of the event loop. */
const PER_TURN = 256;

/** The blob ids of many files, in order, a few hundred between turns of the event loop. */
export async function blobIdsOf(paths: readonly string[], format: ObjectFormat): Promise<(string | undefined)[]> {
  const ids: (string | undefined)[] = [];
  for (const path of paths) {
    if (ids.length > 0 && ids.length % PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    ids.push(blobIdOf(path, format));
  }
  return ids;
}
