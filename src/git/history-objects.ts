import { ok, type Outcome } from '../model/outcome.js';
import { readGitLines, type GitLocation } from './git-process.js';
import type { Introduction } from './history.js';

const SPACE = 0x20;
const TAB = 0x09;
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
  sizes: Float64Array;
  /** The paths the history gives blobs, each once. */
  paths: string[];
  /** Per blob: its path (an index into `paths`, -1 for a blob no commit introduces)… */
  pathOf: Int32Array;
  /** …the commit that introduced it (20 bytes each)… */
  commits: Buffer;
  /** …and where that commit came in the log (newest first): what orders a path's versions. */
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
export const blobIndex = (objects: HistoryObjects, oid: string): number => indexOf(objects, Buffer.from(oid, 'latin1'), 0, Buffer.alloc(OID_BYTES));

/** The index of the blob whose id (hex) is `line[start, start + 40)`, or -1. */
function indexOf(objects: HistoryObjects, line: Buffer, start: number, scratch: Buffer): number {
  if (scratch.write(line.toString('latin1', start, start + 2 * OID_BYTES), 'hex') !== OID_BYTES) return -1;
  let low = 0;
  let high = objects.count - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const order = objects.ids.compare(scratch, 0, OID_BYTES, middle * OID_BYTES, (middle + 1) * OID_BYTES);
    if (order === 0) return middle;
    if (order < 0) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * Every blob in the object database — loose or packed, reachable or not — once each, sorted
 * by id (`--batch-all-objects` without `--unordered` sorts and drops duplicates).
 */
async function listBlobs(at: GitLocation): Promise<Outcome<HistoryObjects>> {
  let ids = Buffer.alloc(OID_BYTES * 4096);
  let sizes = new Float64Array(4096);
  let count = 0;
  const listed = await readGitLines(['cat-file', '--batch-all-objects', '--batch-check=%(objectname) %(objecttype) %(objectsize)'], at, (line) => {
    // <oid> <type> <size>; of the types (blob, tree, commit, tag) only "blob" starts with b
    const typeAt = line.indexOf(SPACE) + 1;
    const sizeAt = line.indexOf(SPACE, typeAt) + 1;
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
  const perBlob = { pathOf: new Int32Array(count).fill(NO_PATH), commits: Buffer.alloc(count * OID_BYTES), sequence: new Int32Array(count) };
  return ok({ count, ids: ids.subarray(0, count * OID_BYTES), sizes: sizes.subarray(0, count), paths: [], ...perBlob });
}

/**
 * Each blob a commit adds or changes, with its path and the oldest such commit: one pass over
 * the log (children before parents, so the last sighting of a blob is its introduction). A merge shows
 * what it changed against its first parent (a conflict's resolution); an older git without
 * `--diff-merges` is asked without it.
 */
async function walkLog(at: GitLocation, objects: HistoryObjects): Promise<void> {
  const scratch = Buffer.alloc(OID_BYTES);
  const pathIds = new Map<string, number>();
  let commit = Buffer.alloc(0);
  let sequence = 0;
  const take = (line: Buffer) => {
    if (line[0] === 0x63) {
      // commit <id>
      commit = Buffer.from(line.toString('latin1', 7, 7 + 2 * OID_BYTES), 'hex');
      sequence++;
      return true;
    }
    if (line[0] !== 0x3a) return true;
    // :<mode> <mode> <old> <new> <status>\t<path>
    const tab = line.indexOf(TAB);
    let at = 0;
    for (let field = 0; field < 3 && at !== -1; field++) at = line.indexOf(SPACE, at + 1);
    if (at === -1 || tab === -1) return true;
    const index = indexOf(objects, line, at + 1, scratch);
    if (index === -1) return true;
    const path = line.toString('utf8', tab + 1);
    let id = pathIds.get(path);
    if (id === undefined) {
      id = objects.paths.push(path) - 1;
      pathIds.set(path, id);
    }
    objects.pathOf[index] = id;
    commit.copy(objects.commits, index * OID_BYTES);
    objects.sequence[index] = sequence;
    return true;
  };
  const log = ['log', '--all', '--reflog', '--topo-order', '--format=commit %H', '--raw', '--no-abbrev', '--no-renames'];
  // A repository without commits has no paths to give (both fail); its blobs are still listed.
  const firstParent = await readGitLines([...log, '--diff-merges=first-parent'], at, take);
  if (!firstParent.ok) await readGitLines(log, at, take);
}

/** Every blob of the object database, and the path and commit that introduced each. */
export async function listHistoryBlobs(at: GitLocation): Promise<Outcome<HistoryObjects>> {
  const listed = await listBlobs(at);
  if (listed.ok) await walkLog(at, listed.value);
  return listed;
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
