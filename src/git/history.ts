import { createHash } from 'node:crypto';
import { ok, type Outcome } from '../model/outcome.js';
import { readGitLines, runGitAsync, type GitLocation } from './git-process.js';

export interface HistoryBlob {
  oid: string;
  size: number;
  /** A path the blob had in some commit; absent for objects no ref reaches. */
  path?: string;
}

const SPACE = 0x20;

/**
 * Blob paths remembered from an earlier scan of the same repository, with the digest of the
 * object list they were read for. While the object database holds the same objects, their
 * paths are the same, and walking every commit again (`rev-list`) can be skipped.
 */
export interface PathMemory {
  recall(): { digest: string; paths: Map<string, string> } | undefined;
  remember(digest: string, paths: Map<string, string>): void;
}

/**
 * The commits that introduced blobs, remembered with the digest of the object list they were
 * found for (as blob paths are): `null` for a blob no commit introduces (unreachable).
 */
export interface IntroductionMemory {
  recall(digest: string): Map<string, Introduction | null> | undefined;
  remember(digest: string, introductions: Map<string, Introduction | null>): void;
}

/** The blobs of a repository, and the digest of its object list (what memories are keyed by). */
export interface HistoryObjects {
  blobs: HistoryBlob[];
  digest: string;
}

/**
 * A path for each blob a ref (or reflog) reaches, from walking the history. Only blobs are
 * listed (`object:type=blob`, git 2.32+): commits and trees would triple the output held in
 * memory. An older git that refuses the filter lists every object; a path is only looked up
 * by a blob's id, so the extra entries change nothing.
 */
async function reachablePaths(at: GitLocation): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  // Only the fields kept become strings, cut from each line as it comes.
  const take = (line: Buffer) => {
    const space = line.indexOf(SPACE);
    if (space === -1) return true; // a commit: no path
    const oid = line.toString('latin1', 0, space);
    if (!paths.has(oid)) paths.set(oid, line.toString('utf8', space + 1));
    return true;
  };
  // A partial clone lacks some blobs: list what is there rather than fail (or fetch them).
  const walk = ['rev-list', '--objects', '--all', '--reflog', '--missing=allow-any'];
  // A repository without commits has no paths to give (both fail); its blobs are still listed.
  const blobsOnly = await readGitLines([...walk, '--filter=object:type=blob'], at, take);
  if (!blobsOnly.ok) await readGitLines(walk, at, take);
  return paths;
}

/**
 * Every blob in the object database — loose or packed, reachable or not — once each, with a
 * path where a commit gives it one. This is what a mounted `.git` exposes.
 */
export async function listHistoryBlobs(at: GitLocation, memory?: PathMemory): Promise<Outcome<HistoryObjects>> {
  const remembered = memory?.recall();
  // Nothing remembered: walk the history at once, beside the object listing.
  const walked = remembered ? undefined : reachablePaths(at);
  const hash = createHash('sha256');
  const blobs: HistoryBlob[] = [];
  // Read as it comes, keeping blobs only: commits and trees are most of the lines.
  const listed = await readGitLines(
    ['cat-file', '--batch-all-objects', '--batch-check=%(objectname) %(objecttype) %(objectsize)', '--unordered'],
    at,
    (line) => {
      // <oid> <type> <size>; of the types (blob, tree, commit, tag) only "blob" starts with b
      const typeAt = line.indexOf(SPACE) + 1;
      const sizeAt = line.indexOf(SPACE, typeAt) + 1;
      if (typeAt > 0 && sizeAt - typeAt === 5 && line[typeAt] === 0x62) {
        // `path` from the start, set or not: added later, it took a second object per blob.
        blobs.push({ oid: line.toString('latin1', 0, typeAt - 1), size: Number(line.toString('latin1', sizeAt)), path: undefined });
      }
      return true;
    },
    (chunk) => hash.update(chunk),
  );
  if (!listed.ok) return listed;
  const digest = hash.digest('hex');
  const isRemembered = remembered?.digest === digest;
  const paths = isRemembered ? remembered.paths : await (walked ?? reachablePaths(at));
  for (const blob of blobs) blob.path = paths.get(blob.oid);
  if (memory && !isRemembered) {
    const known = new Map<string, string>();
    for (const blob of blobs) if (blob.path !== undefined) known.set(blob.oid, blob.path);
    memory.remember(digest, known);
  }
  return ok({ blobs, digest });
}

/**
 * What a work tree holds unchanged: tracked files that `diff-files` does not report as
 * modified. Scanning their blobs again from history would only repeat findings — but the
 * object database still holds them, so a finding in one of those files is in the .git too.
 */
export interface WorkTreeBlobs {
  /** The ids of the blobs. */
  oids: Set<string>;
  /**
   * The files' paths, separated by NULs: one flat string, as a large repository tracks 100k
   * files, and a string and an array for each took 18 MB of a scan's memory.
   */
  paths: string;
}

export async function listWorkTreeBlobs(at: GitLocation): Promise<WorkTreeBlobs> {
  const none = { oids: new Set<string>(), paths: '' };
  if (!at.workTree) return none;
  const [staged, modified] = await Promise.all([runGitAsync(['ls-files', '--stage', '-z'], at), runGitAsync(['diff-files', '--name-only', '-z'], at)]);
  if (!staged.ok || !modified.ok) return none;
  const changed = new Set(modified.value.toString().split('\0'));
  const oids = new Set<string>();
  const paths: string[] = [];
  const index = staged.value;
  // <mode> <oid> <stage>\t<path>\0 for each entry
  for (let start = 0; start < index.length; ) {
    const nul = index.indexOf(0, start);
    const end = nul === -1 ? index.length : nul;
    const oidAt = index.indexOf(SPACE, start) + 1;
    const tab = index.indexOf(9, start);
    if (oidAt > 0 && tab !== -1 && tab < end) {
      const path = index.toString('utf8', tab + 1, end);
      if (!changed.has(path)) {
        oids.add(index.toString('latin1', oidAt, index.indexOf(SPACE, oidAt)));
        paths.push(path);
      }
    }
    start = end + 1;
  }
  return { oids, paths: paths.join('\0') };
}

/** The paths of a NUL-separated list. */
export const splitPaths = (paths: string): string[] => (paths === '' ? [] : paths.split('\0'));

export interface Introduction {
  commit: string;
  path: string;
}

/**
 * The oldest commit that added or changed a path to each wanted blob, in one pass over the
 * history (`git log --raw`, oldest first), not one walk per blob. With a memory and the
 * digest of the object list, a rescan of an unchanged repository reads them from there.
 */
export async function findIntroductions(at: GitLocation, wanted: Set<string>, remembered?: { memory: IntroductionMemory; digest: string }): Promise<Map<string, Introduction>> {
  if (wanted.size === 0) return new Map();
  const known = remembered?.memory.recall(remembered.digest);
  if (known && [...wanted].every((oid) => known.has(oid))) {
    return new Map([...wanted].flatMap((oid) => (known.get(oid) ? [[oid, known.get(oid)!] as const] : [])));
  }
  const found = await walkIntroductions(at, wanted);
  if (remembered) {
    const all = new Map(known ?? []);
    for (const oid of wanted) all.set(oid, found.get(oid) ?? null);
    remembered.memory.remember(remembered.digest, all);
  }
  return found;
}

async function walkIntroductions(at: GitLocation, wanted: Set<string>): Promise<Map<string, Introduction>> {
  const found = new Map<string, Introduction>();
  let commit = '';
  // Read as it comes, and only until every wanted blob is found: the log of a large history
  // would not fit in memory.
  await readGitLines(['log', '--all', '--reverse', '--format=commit %H', '--raw', '--no-abbrev', '--no-renames'], at, (bytes) => {
    const line = bytes.toString();
    if (line.startsWith('commit ')) {
      commit = line.slice(7);
      return true;
    }
    if (!line.startsWith(':')) return true;
    // :100644 100644 <old> <new> M\t<path>
    const tab = line.indexOf('\t');
    const newOid = line.slice(0, tab).split(' ')[3];
    if (newOid && wanted.has(newOid) && !found.has(newOid)) found.set(newOid, { commit, path: line.slice(tab + 1) });
    return found.size < wanted.size;
  });
  return found;
}
