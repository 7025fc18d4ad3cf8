import { ChunkReader } from './chunk-reader.js';
import { CorruptArchive, type Entries } from './entry.js';
import type { ContainerLimits } from './limits.js';

/** A tar (ustar, pax and GNU long names), read header by header from a stream. */
const BLOCK = 512;

const text = (block: Uint8Array, start: number, length: number) => {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return new TextDecoder().decode(end === -1 ? field : field.subarray(0, end));
};

/** A numeric field: octal text, or base-256 when the high bit of its first byte is set. */
function numberField(block: Uint8Array, start: number, length: number): number {
  if (block[start]! & 0x80) {
    let value = block[start]! & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + block[start + i]!;
    return value;
  }
  const digits = text(block, start, length).trim();
  const value = digits === '' ? 0 : parseInt(digits, 8);
  if (Number.isNaN(value)) throw new CorruptArchive('bad number in a tar header');
  return value;
}

/** The header's checksum, summed as unsigned bytes, or as signed ones as some old tars did. */
function checksumIsRight(block: Uint8Array): boolean {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : block[i]!;
    unsigned += byte;
    signed += byte < 0x80 ? byte : byte - 0x100;
  }
  const expected = numberField(block, 148, 8);
  return expected === unsigned || expected === signed;
}

/** The `path` and `size` of a pax extended header (`length key=value\n` records). */
function paxFields(body: Uint8Array): { path?: string; size?: number } {
  const fields: { path?: string; size?: number } = {};
  for (const line of new TextDecoder().decode(body).split('\n')) {
    const match = /^\d+ (path|size)=(.*)$/s.exec(line);
    if (match?.[1] === 'path') fields.path = match[2];
    else if (match?.[1] === 'size' && /^\d+$/.test(match[2]!)) fields.size = Number(match[2]);
  }
  return fields;
}

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/** GNU sparse files list more of their map in extension blocks, each flagged by its last byte before padding. */
async function skipSparseExtensions(reader: ChunkReader, block: Uint8Array): Promise<void> {
  for (let more = block[482] !== 0; more; ) {
    const extension = await reader.read(BLOCK);
    if (extension.length < BLOCK) throw new CorruptArchive('tar ends inside a sparse map');
    more = extension[504] !== 0;
  }
}

export async function* tarEntries(reader: ChunkReader, limits: ContainerLimits): Entries {
  let longName: string | undefined;
  let paxSize: number | undefined;
  for (;;) {
    const block = await reader.read(BLOCK);
    if (block.length === 0 || block.every((byte) => byte === 0)) return;
    if (block.length < BLOCK || !checksumIsRight(block)) throw new CorruptArchive('bad tar header');
    const type = String.fromCharCode(block[156]!);
    const size = paxSize ?? numberField(block, 124, 12);
    const prefix = block[257 + 5] === 0 ? text(block, 345, 155) : ''; // POSIX ustar has a prefix; GNU uses those bytes otherwise
    const name = longName ?? (prefix ? `${prefix}/${text(block, 0, 100)}` : text(block, 0, 100));
    if (type === 'L' || type === 'K' || type === 'x') {
      if (size > 1024 * 1024) throw new CorruptArchive('tar extended header too long');
      const body = await reader.read(size);
      await reader.skip(padding(size));
      if (type === 'L') longName = text(body, 0, body.length);
      if (type === 'x') ({ path: longName, size: paxSize } = paxFields(body));
      continue;
    }
    longName = undefined;
    paxSize = undefined;
    if (type === 'S') await skipSparseExtensions(reader, block);
    // Directories and links carry no data, whatever their size field says.
    const hasData = !'123456'.includes(type);
    const isFile = type === '0' || type === '\0' || type === '7' || type === 'S';
    if (!hasData) continue;
    if (!isFile || size > limits.maxEntryBytes) {
      if ((await reader.skip(size + padding(size))) < size) throw new CorruptArchive('tar ends inside an entry');
      if (isFile) yield { name, skip: 'too-large', detail: `${size} bytes, over the ${limits.maxEntryBytes}-byte limit` };
      continue;
    }
    const bytes = await reader.read(size);
    if (bytes.length < size) throw new CorruptArchive('tar ends inside an entry');
    await reader.skip(padding(size));
    yield { name, bytes };
  }
}
