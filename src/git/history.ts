import { readGitLines, runGitAsync, type GitLocation } from './git-process.js';

const SPACE = 0x20;

/**
 * What a work tree holds unchanged: tracked files that `diff-files` does not report as
 * modified. Scanning their blobs again from history would only repeat findings — but the
 * object database still holds them, so a finding in one of those files is in the .git too.
 */
export interface WorkTreeBlobs {
  /** The ids of the blobs. */
  oids: Set<string>;
  /**
   * Each file's blob id and path, `oid NUL path NUL`: what a rescan reads if the file changes,
   * and the tracked paths. One flat string, as a large repository tracks 100k files, and a
   * string and an array for each took 18 MB of a scan's memory.
   */
  pairs: string;
}

export async function listWorkTreeBlobs(at: GitLocation): Promise<WorkTreeBlobs> {
  const none = { oids: new Set<string>(), pairs: '' };
  if (!at.workTree) return none;
  const [staged, modified] = await Promise.all([runGitAsync(['ls-files', '--stage', '-z'], at), runGitAsync(['diff-files', '--name-only', '-z'], at)]);
  if (!staged.ok || !modified.ok) return none;
  const changed = new Set(modified.value.toString().split('\0'));
  const oids = new Set<string>();
  // Joined at the end, not added to as it goes: a string grown by `+=` is a chain of pieces,
  // 40 bytes of bookkeeping each, and stays one (74 MB for the bench's 17 repositories).
  const pairs: string[] = [];
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
        const oid = index.toString('latin1', oidAt, index.indexOf(SPACE, oidAt));
        oids.add(oid);
        pairs.push(oid, path);
      }
    }
    start = end + 1;
  }
  return { oids, pairs: pairs.length === 0 ? '' : `${pairs.join('\0')}\0` };
}

/** The paths of a `oid NUL path NUL` list. */
export const pairedPaths = (pairs: string): string[] => pairs.split('\0').filter((_, field) => field % 2 === 1);

/**
 * The commits that introduced blobs, remembered with the fingerprint of the repository they
 * were found in: `null` for a blob no commit introduces (unreachable).
 */
export interface IntroductionMemory {
  recall(digest: string): Map<string, Introduction | null> | undefined;
  remember(digest: string, introductions: Map<string, Introduction | null>): void;
}

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
