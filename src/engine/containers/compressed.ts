import * as zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import { ChunkReader } from './chunk-reader.js';
import { ArchiveLimit, CorruptArchive, UnsupportedFormat, type Entries } from './entry.js';
import type { Budget, ContainerLimits } from './limits.js';
import { tarEntries } from './tar.js';

/**
 * A gzip or zstd stream, decompressed as it is read and counted against the file's budget: a
 * tar inside is read entry by entry (`pkg.tgz!package/index.js`); anything else is one entry
 * named after the file without its suffix.
 */
function decompressor(format: 'gzip' | 'zstd'): Transform {
  if (format === 'gzip') return zlib.createGunzip();
  const create = (zlib as { createZstdDecompress?: () => Transform }).createZstdDecompress;
  if (!create) throw new UnsupportedFormat('zstd data, and this Node version has no zstd');
  return create();
}

/** The decompressor's output, stopped with ArchiveLimit once the budget is spent. */
async function* counted(stream: Transform, limits: ContainerLimits, budget: Budget): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      budget.bytes -= chunk.length;
      if (budget.bytes < 0) throw new ArchiveLimit(`more than ${limits.maxExpandedBytes} bytes expanded`);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ArchiveLimit) throw error;
    throw new CorruptArchive((error as Error).message);
  } finally {
    stream.destroy();
  }
}

/** `a.tgz` → `a.tar`, `a.txt.gz` → `a.txt`, `a.zst` → `a`. */
export function innerName(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (/\.t(gz|zst)$/i.test(base)) return base.replace(/\.t(gz|zst)$/i, '.tar');
  return base.replace(/\.(gz|gzip|zst|zstd)$/i, '') || base;
}

export async function* compressedEntries(bytes: Uint8Array, format: 'gzip' | 'zstd', name: string, limits: ContainerLimits, budget: Budget): Entries {
  const stream = decompressor(format);
  stream.end(bytes);
  const reader = new ChunkReader(counted(stream, limits, budget));
  try {
    const head = await reader.peek(512);
    if (head.length === 512 && new TextDecoder().decode(head.subarray(257, 262)) === 'ustar') {
      yield* tarEntries(reader, limits);
      return;
    }
    const whole = await reader.read(limits.maxEntryBytes + 1);
    if (whole.length > limits.maxEntryBytes) {
      yield { name: innerName(name), skip: 'too-large', detail: `expands past the ${limits.maxEntryBytes}-byte limit` };
      return;
    }
    yield { name: innerName(name), bytes: whole };
  } finally {
    await reader.close();
  }
}
