import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { isMedia } from '../engine/containers/index.js';
import { SNIFF_BYTES } from '../engine/decode.js';
import type { SkipReason } from '../model/finding.js';

/** What identifies a file's content without reading it: device, inode, size, mtime (ms). */
export type FileIdentity = [dev: number, ino: number, size: number, mtimeMs: number];

export type ReadOutcome =
  | {
      ok: true;
      /** The file's bytes; for a media file, only its first SNIFF_BYTES. */
      bytes: Buffer;
      identity: FileIdentity;
      /** Set when the file was found to be an image, font, audio or video from its first bytes and read no further. */
      isMedia?: true;
    }
  | { ok: false; reason: SkipReason; detail: string; identity?: FileIdentity };

// Never follow a link swapped in after the walk; never block on a FIFO that appeared since.
const BASE_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
// Reading must not even change access times; the kernel allows that only to the file's owner.
const NOATIME = constants.O_NOATIME ?? 0;

/** Opens a file to read it without moving its access time (where the kernel allows), never through a link. */
export function openQuietly(path: string): number {
  if (NOATIME !== 0) {
    try {
      return openSync(path, BASE_FLAGS | NOATIME);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
    }
  }
  return openSync(path, BASE_FLAGS);
}

/**
 * One buffer per thread, reused for every file: reading allocates nothing per file, so memory
 * stays flat and the garbage collector stays idle. It grows with the files read up to
 * `SCRATCH_LIMIT`; a larger file is read into a buffer of its own, let go once it is scanned
 * (kept, one 10 MB file would hold 16 MB in every thread for the rest of the scan).
 */
let scratch: Buffer = Buffer.allocUnsafe(1 << 20);
export const SCRATCH_LIMIT = 4 << 20;

/** `current` (the scratch buffer unless a larger one was needed), at least `size` long; its first `keep` bytes survive a reallocation. */
function scratchOf(size: number, keep = 0, current: Buffer = scratch): Buffer {
  if (current.length >= size) return current;
  const larger = Buffer.allocUnsafeSlow(Math.max(size, current.length * 2));
  current.copy(larger, 0, 0, keep);
  if (larger.length <= SCRATCH_LIMIT) scratch = larger;
  return larger;
}

/**
 * Files at least this large are sniffed before they are read whole: media (an image, a font,
 * a video) is read no further. Smaller ones are read in one call either way.
 */
export const SNIFF_FIRST_BYTES = 64 * 1024;

const REASON_BY_CODE: Record<string, SkipReason> = { ENOENT: 'vanished', ENOTDIR: 'vanished', ELOOP: 'vanished' };

/**
 * Reads a whole regular file, synchronously, or says why it was not read; a large file whose
 * first bytes show it is media is read no further. The bytes are a view of the thread's scratch
 * buffer: valid until the next call, so use them before reading again.
 */
export function readFileSafely(path: string, maxBytes: number): ReadOutcome {
  let fd: number;
  try {
    fd = openQuietly(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { ok: false, reason: REASON_BY_CODE[code] ?? 'unreadable', detail: `${code}: cannot open` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, reason: 'not-regular-file', detail: 'not a regular file when opened' };
    const identity: FileIdentity = [stats.dev, stats.ino, stats.size, stats.mtimeMs];
    if (stats.size > maxBytes) {
      return { ok: false, reason: 'too-large', detail: `${stats.size} bytes, over the ${maxBytes}-byte limit`, identity };
    }
    // Read to the end, whatever fstat said: a file that grows while it is read is read whole,
    // or, once past the limit, reported too large; one byte past the limit is enough to know. A
    // read that returns less than asked, the size fstat gave being in, is the end.
    let length = 0;
    if (stats.size >= SNIFF_FIRST_BYTES) {
      const head = scratchOf(SNIFF_BYTES);
      length = readSync(fd, head, 0, SNIFF_BYTES, null);
      if (length === SNIFF_BYTES && isMedia(head.subarray(0, length))) {
        return { ok: true, bytes: head.subarray(0, length), identity, isMedia: true };
      }
    }
    let buffer = scratchOf(Math.min(stats.size, maxBytes) + 1, length);
    for (;;) {
      const want = Math.min(buffer.length, maxBytes + 1);
      if (length === want) {
        if (length > maxBytes) break;
        buffer = scratchOf(Math.min(maxBytes + 1, length * 2), length, buffer);
      }
      const asked = Math.min(buffer.length, maxBytes + 1) - length;
      const read = readSync(fd, buffer, length, asked, null);
      length += read;
      // A short read of a regular file is its end: once the size fstat gave is in, asking
      // again only to be told 0 would be one more system call per file.
      if (read === 0 || (read < asked && length >= stats.size)) break;
    }
    if (length > maxBytes) return { ok: false, reason: 'too-large', detail: `grew past the ${maxBytes}-byte limit while read` };
    return { ok: true, bytes: buffer.subarray(0, length), identity };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { ok: false, reason: REASON_BY_CODE[code] ?? 'unreadable', detail: `${code}: cannot read` };
  } finally {
    closeSync(fd);
  }
}
