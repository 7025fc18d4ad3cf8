import { ok, type Outcome } from '../model/outcome.js';
import { readGitLines, type GitLocation } from './git-process.js';
import type { Introduction } from './history.js';
import { GrowingBytes } from './growing-bytes.js';
import { HeldSightings } from './held-sightings.js';
import { walkLog } from './log-walk.js';

const SPACE = 0x20;
const NEWLINE = 0x0a;
const OID_BYTES = 20;
const NO_PATH = -1;

/**
 * The blobs of a repository in a compact form, whatever its size: ids as 20 bytes each in one
 * buffer (sorted, as git lists them) and a few numbers per blob in typed arrays; each path is
 * one string however many versions it has. A 300,000-blob history takes about 16 MB, not a
 * string, an object and a map entry per blob.
 */
export interface HistoryObjects {
  count: number;
  ids: Buffer;
  /** Each id's first four bytes as a number: what a lookup searches first (a native compare per step was most of the log walk's work in this thread). */
  heads: Uint32Array;
  sizes: Float64Array;
  /** The paths the history gives blobs, each once. */
  paths: string[];
  /** Per blob: its path (an index into `paths`, -1 for a blob no commit introduces)… */
  pathOf: Int32Array;
  /** …the commit that introduced it (20 bytes each)… */
  commits: Buffer;
  /**
   * …and where that commit came in the log (newest first; larger is older): what orders a
   * path's versions. Commits no ref reaches come below every reachable one (`UNREACHABLE_FROM`).
   */
  sequence: Int32Array;
}

export const oidAt = (objects: HistoryObjects, index: number): string => objects.ids.toString('hex', index * OID_BYTES, (index + 1) * OID_BYTES);

/** The commit that introduced a blob, and its path there. */
export function introductionOf(objects: HistoryObjects, index: number): Introduction | undefined {
  const path = objects.pathOf[index]!;
  if (path === NO_PATH) return undefined;
  return { commit: objects.commits.toString('hex', index * OID_BYTES, (index + 1) * OID_BYTES), path: objects.paths[path]! };
}

/** Where the commit that introduced a blob came in the log (larger is older), or undefined. */
export function orderOf(objects: HistoryObjects, oid: string): number | undefined {
  const index = blobIndex(objects, oid);
  return index === -1 || objects.pathOf[index] === NO_PATH ? undefined : objects.sequence[index];
}

/** The index of a blob by its id (hex), or -1. */
export function blobIndex(objects: HistoryObjects, oid: string): number {
  const id = Buffer.alloc(OID_BYTES);
  return id.write(oid.slice(0, 2 * OID_BYTES), 'hex') === OID_BYTES ? indexOfId(objects, id, 0) : -1;
}

/** The index of the blob whose id is `id[at, at + 20)`, or -1. */
function indexOfId(objects: HistoryObjects, id: Buffer, at: number): number {
  const { heads, ids } = objects;
  const head = id.readUInt32BE(at);
  let low = 0;
  let high = objects.count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (heads[middle]! < head) low = middle + 1;
    else high = middle;
  }
  // The ids that share the first four bytes: one, seldom two.
  for (let index = low; index < objects.count && heads[index] === head; index++) {
    if (ids.compare(id, at, at + OID_BYTES, index * OID_BYTES, (index + 1) * OID_BYTES) === 0) return index;
  }
  return -1;
}

/**
 * The listing asks for objects in the order they lie in each pack (`--unordered`), in 1 MiB
 * windows: in id order, within the 64 MiB of pack windows every git call keeps to, git mapped
 * and unmapped windows all over the pack for each object (Rails' 1.2 million objects: 22 s, 16
 * of them in the kernel, against 2.3 s this way and 140 MB).
 */
const LISTING_WINDOW = ['-c', 'core.packedGitWindowSize=1m'];

/**
 * Every blob in the object database — loose or packed, reachable or not — once each, sorted
 * by id (git lists them in pack order, and drops an object it finds in two places itself;
 * sorted here, and each id kept once should a git not); and the ids of every commit, one per line.
 */
async function listBlobs(at: GitLocation): Promise<Outcome<{ objects: HistoryObjects; commits: Buffer | undefined }>> {
  let ids = Buffer.alloc(OID_BYTES * 4096);
  let sizes = new Float64Array(4096);
  let count = 0;
  // The commits' ids, one per line as `git log --stdin` reads them.
  const commits = new GrowingBytes(64 * 1024);
  const args = [...LISTING_WINDOW, 'cat-file', '--batch-all-objects', '--unordered', '--batch-check=%(objectname) %(objecttype) %(objectsize)'];
  const listed = await readGitLines(args, at, (line) => {
    // <oid> <type> <size>; of the types (blob, tree, commit, tag) only "blob" starts with b, "commit" with c
    const typeAt = line.indexOf(SPACE) + 1;
    const sizeAt = line.indexOf(SPACE, typeAt) + 1;
    if (typeAt > 0 && sizeAt - typeAt === 7 && line[typeAt] === 0x63) {
      const room = commits.room(typeAt);
      line.copy(room, commits.length, 0, typeAt - 1);
      room[commits.length + typeAt - 1] = NEWLINE;
      commits.length += typeAt;
    }
    if (typeAt === 0 || sizeAt - typeAt !== 5 || line[typeAt] !== 0x62) return true;
    if (count === sizes.length) {
      const more = Buffer.alloc(ids.length * 2);
      ids.copy(more);
      ids = more;
      const moreSizes = new Float64Array(sizes.length * 2);
      moreSizes.set(sizes);
      sizes = moreSizes;
    }
    if (ids.write(line.toString('latin1', 0, typeAt - 1), count * OID_BYTES, 'hex') !== OID_BYTES) return true;
    sizes[count++] = Number(line.toString('latin1', sizeAt));
    return true;
  });
  if (!listed.ok) return listed;
  return ok({ objects: sortedBlobs(ids, sizes, count), commits: commits.length > 0 ? commits.written() : undefined });
}

/** Negative when blob `a`'s id sorts before blob `b`'s. */
const compareIds = (ids: Buffer, a: number, b: number) => ids.compare(ids, b * OID_BYTES, (b + 1) * OID_BYTES, a * OID_BYTES, (a + 1) * OID_BYTES);

/**
 * The listed blobs in id order, each once. Sorted natively on 64-bit keys (an id's first four
 * bytes above the blob's index), then ids that share their first four bytes (a handful in a
 * million) put in order by the whole id.
 */
function sortedBlobs(ids: Buffer, sizes: Float64Array, count: number): HistoryObjects {
  const keys = new BigUint64Array(count);
  const halves = new Uint32Array(keys.buffer);
  // Which 32-bit half of a 64-bit key is its high one, in this machine's byte order.
  const [low, high] = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? [0, 1] : [1, 0];
  for (let index = 0; index < count; index++) {
    halves[2 * index + high] = ids.readUInt32BE(index * OID_BYTES);
    halves[2 * index + low] = index;
  }
  keys.sort();
  const order = new Uint32Array(count);
  for (let at = 0; at < count; at++) order[at] = halves[2 * at + low]!;
  for (let at = 1; at < count; at++) {
    for (let j = at; j > 0 && halves[2 * j + high] === halves[2 * j - 2 + high] && compareIds(ids, order[j - 1]!, order[j]!) > 0; j--) {
      [order[j - 1], order[j]] = [order[j]!, order[j - 1]!];
    }
  }
  const sorted = Buffer.alloc(count * OID_BYTES);
  const sortedSizes = new Float64Array(count);
  let kept = 0;
  for (let at = 0; at < count; at++) {
    const index = order[at]!;
    if (kept > 0 && ids.compare(sorted, (kept - 1) * OID_BYTES, kept * OID_BYTES, index * OID_BYTES, (index + 1) * OID_BYTES) === 0) continue;
    ids.copy(sorted, kept * OID_BYTES, index * OID_BYTES, (index + 1) * OID_BYTES);
    sortedSizes[kept++] = sizes[index]!;
  }
  const heads = new Uint32Array(kept);
  for (let index = 0; index < kept; index++) heads[index] = sorted.readUInt32BE(index * OID_BYTES);
  const perBlob = { pathOf: new Int32Array(kept).fill(NO_PATH), commits: Buffer.alloc(kept * OID_BYTES), sequence: new Int32Array(kept) };
  return { count: kept, ids: sorted.subarray(0, kept * OID_BYTES), heads, sizes: sortedSizes.subarray(0, kept), paths: [], ...perBlob };
}

/**
 * Puts one sighting from the log into the listed blobs: the blob `ids[idAt…]` has path `path`,
 * introduced by `commits[commitAt…]`, the `sequence`th commit; unless the blob was seen in an
 * older commit (a larger `sequence`), which is where it came in. The walks run newest first,
 * so within one the last sighting wins; a reachable commit's wins over an unreachable one's.
 */
function record(objects: HistoryObjects, ids: Buffer, idAt: number, path: number, commits: Buffer, commitAt: number, sequence: number): void {
  const index = indexOfId(objects, ids, idAt);
  if (index === -1 || (objects.pathOf[index] !== NO_PATH && objects.sequence[index]! > sequence)) return;
  objects.pathOf[index] = path;
  commits.copy(objects.commits, index * OID_BYTES, commitAt, commitAt + OID_BYTES);
  objects.sequence[index] = sequence;
}

/**
 * Every blob of the object database, and the path and commit that introduced each. git lists
 * the database and walks the log at once, in two processes (Rails: 3 s and 8 s of git, 11 s
 * one after the other); what the log tells before the list is done waits in `HeldSightings`.
 * Once the list is there, a second walk covers the commits no ref reaches, given by the list
 * (Rails' clone of a mirror: 42,000 commits of pull requests, whose 64,000 blobs, 1.2 GB, were
 * otherwise read whole without a path).
 */
export async function listHistoryBlobs(at: GitLocation): Promise<Outcome<HistoryObjects>> {
  const paths: string[] = [];
  const pathNumbers = new Map<string, number>();
  const numberOf = (path: string) => {
    let number = pathNumbers.get(path);
    if (number === undefined) {
      number = paths.push(path) - 1;
      pathNumbers.set(path, number);
    }
    return number;
  };
  const held = new HeldSightings(OID_BYTES);
  let objects: HistoryObjects | undefined;
  const sight = (id: Buffer, path: number, commit: Buffer, sequence: number) => (objects ? record(objects, id, 0, path, commit, 0, sequence) : held.hold(id, path, commit, sequence));
  const listing = listBlobs(at).then(async (listed) => {
    if (!listed.ok) return listed;
    objects = { ...listed.value.objects, paths };
    held.replay((records, idAt, path, commitAt, sequence) => record(objects!, records, idAt, path, records, commitAt, sequence));
    if (listed.value.commits) await walkLog(at, numberOf, sight, listed.value.commits);
    return ok(objects);
  });
  await walkLog(at, numberOf, sight);
  return listing;
}

/**
 * The order to read blobs in: path after path, each path's versions oldest first (so each can
 * be compared with the one before it), then the blobs no commit introduces.
 */
export function* readingOrder(objects: HistoryObjects): Generator<{ index: number; path?: string }> {
  const { count, pathOf, sequence } = objects;
  const order: number[] = [];
  for (let index = 0; index < count; index++) if (pathOf[index] !== NO_PATH) order.push(index);
  // The log runs newest first: a larger sequence is an older commit.
  order.sort((a, b) => pathOf[a]! - pathOf[b]! || sequence[b]! - sequence[a]!);
  for (const index of order) yield { index, path: objects.paths[pathOf[index]!]! };
  for (let index = 0; index < count; index++) if (pathOf[index] === NO_PATH) yield { index };
}
