import { readGitLines, runGitAsync, type GitLocation } from './git-process.js';

const SPACE = 0x20;

/**
 * What a work tree holds unchanged: tracked files whose content is the blob the index names.
 * Scanning those blobs again from history would only repeat findings — but the object database
 * still holds them, so a finding in one of those files is in the .git too.
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

const REGULAR_FILE_MODES = new Set(['100644', '100755']);

/** How a repository names its objects: SHA-1 (40 hex digits) or SHA-256 (64). */
export type ObjectFormat = 'sha1' | 'sha256';

/** Blob ids of files as they are, in the order given (undefined for one that cannot be read). */
export type HashFiles = (absolutePaths: string[], format: ObjectFormat) => Promise<(string | undefined)[]>;

/**
 * `-c` options that leave every filter driver the repository's configuration names (its own,
 * an included file's, the user's) without a command: `diff-files` compares the content of a
 * file whose record it cannot trust (written in the second the index was) through the file's
 * filter, and a scan must never run a command the folder chooses.
 */
async function filtersOff(at: GitLocation): Promise<string[] | undefined> {
  const listed = await runGitAsync(['config', '--null', '--name-only', '--get-regexp', '^filter\\.'], at);
  const drivers = new Set<string>();
  // filter.<driver>.<key>, the driver name possibly holding dots; git exits 1 when there is none.
  for (const name of listed.ok ? listed.value.toString('utf8').split('\0') : []) {
    const last = name.lastIndexOf('.');
    if (last > 'filter.'.length) drivers.add(name.slice('filter.'.length, last));
  }
  // A name `-c` cannot spell (it splits at the first "="): no filter is known to be off.
  if ([...drivers].some((driver) => /[=\n]/.test(driver))) return undefined;
  return [...drivers].flatMap((driver) => ['clean', 'smudge', 'process'].flatMap((key) => ['-c', `filter.${driver}.${key}=`]));
}

/**
 * What a work tree holds unchanged. `diff-files` tells which tracked files' records (size and
 * modification time, as `core.checkStat=minimal` compares them: a copy, a restore, a hard link
 * or a mount changes the rest, and every file then looked modified, its blob read again from
 * history) no longer match; those that are regular files are hashed as they are, by
 * `hashFiles` (airlock reads them, not git: without moving their access times), and the ones
 * whose content is still the index's blob count as unchanged too.
 */
export async function listWorkTreeBlobs(at: GitLocation, hashFiles: HashFiles): Promise<WorkTreeBlobs> {
  const none = { oids: new Set<string>(), pairs: '' };
  if (!at.workTree) return none;
  const noFilters = await filtersOff(at);
  const relaxed = ['-c', 'core.checkStat=minimal', '-c', 'core.trustctime=false', ...(noFilters ?? [])];
  const [staged, modified] = await Promise.all([
    runGitAsync(['ls-files', '--stage', '-z'], at),
    // Without every filter known to be off, every file is hashed instead.
    noFilters ? runGitAsync([...relaxed, 'diff-files', '--name-status', '--ignore-submodules=all', '-z'], at) : undefined,
  ]);
  if (!staged.ok || modified?.ok === false) return none;
  // "<status>" NUL "<path>" NUL for each file whose record no longer matches.
  const statusOf = new Map<string, string>();
  const fields = modified ? modified.value.toString('utf8').split('\0') : [];
  for (let i = 0; i + 1 < fields.length; i += 2) statusOf.set(fields[i + 1]!, fields[i]!);
  const entries: { oid: string; path: string }[] = [];
  /** Whether each entry is unchanged; undefined until its content tells. */
  const isSame: (boolean | undefined)[] = [];
  const index = staged.value;
  // <mode> <oid> <stage>\t<path>\0 for each entry
  for (let start = 0; start < index.length; ) {
    const nul = index.indexOf(0, start);
    const end = nul === -1 ? index.length : nul;
    const oidAt = index.indexOf(SPACE, start) + 1;
    const tab = index.indexOf(9, start);
    if (oidAt > 0 && tab !== -1 && tab < end) {
      const path = index.toString('utf8', tab + 1, end);
      // Without diff-files (a filter not known to be off), every file is as if its record changed.
      const status = modified ? statusOf.get(path) : 'M';
      entries.push({ oid: index.toString('latin1', oidAt, index.indexOf(SPACE, oidAt)), path });
      isSame.push(status === undefined ? true : status === 'M' && REGULAR_FILE_MODES.has(index.toString('latin1', start, oidAt - 1)) ? undefined : false);
    }
    start = end + 1;
  }
  const toHash = entries.filter((_, i) => isSame[i] === undefined);
  const format = toHash[0]?.oid.length === 64 ? 'sha256' : 'sha1';
  const hashes = toHash.length === 0 ? [] : await hashFiles(toHash.map((e) => `${at.workTree}/${e.path}`), format);
  const hashed = new Map(toHash.map((entry, i) => [entry, hashes[i] === entry.oid]));
  const oids = new Set<string>();
  // Joined at the end, not added to as it goes: a string grown by `+=` is a chain of pieces,
  // 40 bytes of bookkeeping each, and stays one (74 MB for the bench's 17 repositories).
  const pairs: string[] = [];
  entries.forEach((entry, i) => {
    if (!(isSame[i] ?? hashed.get(entry))) return;
    oids.add(entry.oid);
    pairs.push(entry.oid, entry.path);
  });
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
