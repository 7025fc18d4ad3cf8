import * as zlib from 'node:zlib';
import { ArchiveLimit, CorruptArchive, type Entries, type Entry } from './entry.js';
import { MIN_RATIO_BYTES, type Budget, type ContainerLimits } from './limits.js';

/**
 * A zip (and jar, war, whl, apk, nupkg, vsix, crx, docx, xlsx, pptx) read from its central
 * directory, one entry inflated at a time with zlib. Sizes the directory declares are bounds,
 * not trusted: inflating stops one byte past them.
 */
const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const ZSTD = 93;

/** zstd came to zlib in Node 22.15 and 23.8. */
export const hasZstd = () => typeof (zlib as { zstdDecompressSync?: unknown }).zstdDecompressSync === 'function';

interface Central {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The end-of-central-directory record: searched back from the end, past a comment of up to 64 KiB. */
function findEnd(data: DataView): number {
  for (let at = data.byteLength - 22; at >= Math.max(0, data.byteLength - 22 - 0xffff); at--) {
    if (data.getUint32(at, true) === EOCD) return at;
  }
  throw new CorruptArchive('no end of central directory');
}

/** Where the central directory is, how many entries it lists, and how far the archive is shifted (a CRX header, a stub). */
function directory(data: DataView): { offset: number; count: number; shift: number } {
  const end = findEnd(data);
  let count = data.getUint16(end + 10, true);
  let size = data.getUint32(end + 12, true);
  let offset = data.getUint32(end + 16, true);
  let start = end;
  const locator = end - 20;
  if (locator >= 0 && data.getUint32(locator, true) === EOCD64_LOCATOR) {
    const end64 = Number(data.getBigUint64(locator + 8, true));
    if (end64 + 56 > data.byteLength || data.getUint32(end64, true) !== EOCD64) throw new CorruptArchive('bad zip64 end record');
    count = Number(data.getBigUint64(end64 + 32, true));
    size = Number(data.getBigUint64(end64 + 40, true));
    offset = Number(data.getBigUint64(end64 + 48, true));
    start = end64;
  }
  // Offsets count from the zip's own start; bytes before it (a CRX header) shift them all.
  const shift = start - size - offset;
  if (shift < 0) throw new CorruptArchive('central directory out of bounds');
  return { offset: offset + shift, count, shift };
}

/** Sizes and offset from a zip64 extra field, where the 32-bit ones are 0xffffffff. */
function applyZip64(data: DataView, at: number, length: number, entry: Central): void {
  for (let p = at; p + 4 <= at + length; ) {
    const id = data.getUint16(p, true);
    const size = data.getUint16(p + 2, true);
    if (id === 0x0001) {
      let q = p + 4;
      const next = () => {
        const value = Number(data.getBigUint64(q, true));
        q += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
      return;
    }
    p += 4 + size;
  }
}

function* centralEntries(bytes: Uint8Array, data: DataView): Generator<Central> {
  const { offset, count, shift } = directory(data);
  const decoder = new TextDecoder();
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.byteLength || data.getUint32(at, true) !== CENTRAL) throw new CorruptArchive('bad central directory entry');
    const nameLength = data.getUint16(at + 28, true);
    const extraLength = data.getUint16(at + 30, true);
    const commentLength = data.getUint16(at + 32, true);
    const entry: Central = {
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      flags: data.getUint16(at + 8, true),
      method: data.getUint16(at + 10, true),
      compressedSize: data.getUint32(at + 20, true),
      size: data.getUint32(at + 24, true),
      localOffset: data.getUint32(at + 42, true),
    };
    applyZip64(data, at + 46 + nameLength, extraLength, entry);
    entry.localOffset += shift;
    yield entry;
    at += 46 + nameLength + extraLength + commentLength;
  }
}

function inflate(entry: Central, compressed: Uint8Array): Uint8Array {
  const maxOutputLength = Math.max(1, entry.size + 1);
  try {
    if (entry.method === DEFLATED) return zlib.inflateRawSync(compressed, { maxOutputLength });
    return zlib.zstdDecompressSync(compressed, { maxOutputLength });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new CorruptArchive(`${entry.name}: expands past its declared ${entry.size} bytes`);
    throw new CorruptArchive(`${entry.name}: ${(error as Error).message}`);
  }
}

/** One entry's bytes, or why not; throws ArchiveLimit when the file's budget is spent. */
function readEntry(bytes: Uint8Array, data: DataView, entry: Central, limits: ContainerLimits, budget: Budget): Entry {
  const { name } = entry;
  if (entry.flags & 1) return { name, skip: 'encrypted', detail: 'encrypted entry' };
  if (entry.method !== STORED && entry.method !== DEFLATED && !(entry.method === ZSTD && hasZstd())) {
    return { name, skip: 'unsupported-format', detail: `compression method ${entry.method}` };
  }
  // A bomb's entry is not inflated; the other entries still are (the file's budget bounds them all).
  if (entry.size > MIN_RATIO_BYTES && entry.size > entry.compressedSize * limits.maxRatio) {
    return { name, skip: 'archive-limit', detail: `${entry.size} bytes from ${entry.compressedSize}, over ${limits.maxRatio}:1: a zip bomb` };
  }
  if (entry.size > limits.maxEntryBytes) return { name, skip: 'too-large', detail: `${entry.size} bytes, over the ${limits.maxEntryBytes}-byte limit` };
  if (entry.size > budget.bytes) throw new ArchiveLimit(`more than ${limits.maxExpandedBytes} bytes expanded`);
  const local = entry.localOffset;
  if (local + 30 > data.byteLength || data.getUint32(local, true) !== LOCAL) throw new CorruptArchive(`${name}: bad local header`);
  const start = local + 30 + data.getUint16(local + 26, true) + data.getUint16(local + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new CorruptArchive(`${name}: data past the end of the file`);
  const compressed = bytes.subarray(start, start + entry.compressedSize);
  const out = entry.method === STORED ? compressed.subarray(0, entry.size) : inflate(entry, compressed);
  if (out.length !== entry.size) throw new CorruptArchive(`${name}: ${out.length} bytes, not the declared ${entry.size}`);
  budget.bytes -= out.length;
  return { name, bytes: out };
}

export async function* zipEntries(bytes: Uint8Array, limits: ContainerLimits, budget: Budget): Entries {
  const data = view(bytes);
  if (data.byteLength < 22) throw new CorruptArchive('too short for a zip');
  for (const entry of centralEntries(bytes, data)) {
    if (entry.name.endsWith('/')) continue;
    yield readEntry(bytes, data, entry, limits, budget);
  }
}
