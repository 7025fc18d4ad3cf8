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

function checksumIsRight(block: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum === numberField(block, 148, 8);
}

/** The `path` of a pax extended header (`length key=value\n` records). */
function paxPath(body: Uint8Array): string | undefined {
  const records = new TextDecoder().decode(body);
  for (const line of records.split('\n')) {
    const match = /^\d+ path=(.*)$/s.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

export async function* tarEntries(reader: ChunkReader, limits: ContainerLimits): Entries {
  let longName: string | undefined;
  for (;;) {
    const block = await reader.read(BLOCK);
    if (block.length === 0 || block.every((byte) => byte === 0)) return;
    if (block.length < BLOCK || !checksumIsRight(block)) throw new CorruptArchive('bad tar header');
    const size = numberField(block, 124, 12);
    const type = String.fromCharCode(block[156]!);
    const prefix = text(block, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${text(block, 0, 100)}` : text(block, 0, 100));
    if (type === 'L' || type === 'x') {
      if (size > 1024 * 1024) throw new CorruptArchive('tar extended header too long');
      const body = await reader.read(size);
      await reader.skip(padding(size));
      longName = type === 'L' ? text(body, 0, body.length) : paxPath(body);
      continue;
    }
    longName = undefined;
    const isFile = type === '0' || type === '\0' || type === '7';
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
