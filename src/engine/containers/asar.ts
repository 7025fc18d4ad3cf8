import { CorruptArchive, type Entries } from './entry.js';
import type { ContainerLimits } from './limits.js';

/**
 * An Electron archive: a pickled header size, a pickled JSON tree of files (offset and size
 * into the data after the header), then the files' bytes, stored as they are. Files marked
 * `unpacked` live beside it in `app.asar.unpacked/` and are scanned there as files.
 */
interface Node {
  files?: Record<string, Node>;
  offset?: string;
  size?: number;
  unpacked?: boolean;
  link?: string;
}

function* walk(node: Node, prefix: string): Generator<[string, Node]> {
  for (const [name, child] of Object.entries(node.files ?? {})) {
    const path = prefix ? `${prefix}/${name}` : name;
    if (child.files) yield* walk(child, path);
    else yield [path, child];
  }
}

export async function* asarEntries(bytes: Uint8Array, limits: ContainerLimits): Entries {
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 16) throw new CorruptArchive('too short for an asar');
  const headerPickle = data.getUint32(4, true);
  const jsonLength = data.getUint32(12, true);
  if (16 + jsonLength > bytes.length) throw new CorruptArchive('asar header past the end');
  let root: Node;
  try {
    root = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + jsonLength))) as Node;
  } catch {
    throw new CorruptArchive('asar header is not JSON');
  }
  const base = 8 + headerPickle;
  for (const [name, node] of walk(root, '')) {
    if (node.unpacked || node.link !== undefined) continue;
    const offset = Number(node.offset);
    const size = Number(node.size);
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(size) || offset < 0 || size < 0 || base + offset + size > bytes.length) {
      throw new CorruptArchive(`${name}: out of bounds`);
    }
    if (size > limits.maxEntryBytes) {
      yield { name, skip: 'too-large', detail: `${size} bytes, over the ${limits.maxEntryBytes}-byte limit` };
      continue;
    }
    yield { name, bytes: bytes.subarray(base + offset, base + offset + size) };
  }
}
