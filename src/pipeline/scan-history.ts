import { basename, dirname, relative } from 'node:path';
import { readBlobs } from '../git/cat-file.js';
import type { GitLocation } from '../git/git-process.js';
import { findIntroductions, listHistoryBlobs, listWorkTreeBlobs, splitPaths, type HistoryBlob, type IntroductionMemory, type PathMemory } from '../git/history.js';
import { ok, type Outcome } from '../model/outcome.js';
import type { Skipped } from '../model/finding.js';
import type { Collected } from '../verdict/suppress.js';
import type { ScanCache } from './scan-cache.js';
import type { FileReport } from './scan-file-task.js';
import type { TaskRunner } from './task-runner.js';

/** A git object database found under a scanned root. */
export interface GitDirectory {
  root: string;
  gitDir: string;
}

export interface QueuedHistory {
  directory: GitDirectory;
  at: GitLocation;
  /** Root-relative path where the repository's paths start (`app/` for `<root>/app/.git`). */
  prefix: string;
  /**
   * Repository-relative paths of unmodified tracked files, separated by NULs: not
   * rescanned, but their content is in the object database.
   */
  tracked: string;
  /** The digest of the object list, when it was listed: what remembered introductions are keyed by. */
  digest?: string;
}

const toPosix = (path: string) => path.split('\\').join('/');

function locate(directory: GitDirectory): QueuedHistory {
  const { root, gitDir } = directory;
  if (basename(gitDir) === '.git') {
    const workTree = dirname(gitDir);
    const rel = toPosix(relative(root, workTree));
    return { directory, at: { gitDir, workTree }, prefix: rel ? `${rel}/` : '', tracked: '' };
  }
  return { directory, at: { gitDir }, prefix: `${toPosix(relative(root, gitDir))}/`, tracked: '' };
}

/** Where an object without a path would live on disk, so the finding still points somewhere. */
const objectPath = (history: QueuedHistory, oid: string) =>
  `${toPosix(relative(history.directory.root, history.directory.gitDir))}/objects/${oid.slice(0, 2)}/${oid.slice(2)}`;

/** A blob's result depends on its content (the oid) and the path rules see. */
export const historyKey = (gitDir: string, oid: string, path: string) => `blob:${gitDir}:${oid}:${path}`;

export interface HistorySinks {
  runner: TaskRunner;
  cache?: ScanCache;
  /** Takes a result found in the cache, as if it had been scanned. */
  reuse: (report: FileReport) => void;
}

/** What git says a repository holds: every blob, and which are unchanged in its work tree. */
export interface HistoryListing {
  /** The blobs to read: every blob but those unchanged in the work tree. */
  blobs: Outcome<HistoryBlob[]>;
  /** The digest of the object list, when git listed it. */
  digest?: string;
  /** Paths of the files unchanged in the work tree, separated by NULs. */
  tracked: string;
}

/** Asks git for a repository's blobs; started as soon as the walk finds its .git. */
export async function listHistory(directory: GitDirectory, memory?: PathMemory): Promise<HistoryListing> {
  const { at } = locate(directory);
  const [objects, inWorkTree] = await Promise.all([listHistoryBlobs(at, memory), listWorkTreeBlobs(at)]);
  if (!objects.ok) return { blobs: objects, tracked: inWorkTree.paths };
  // Most blobs are in the work tree unchanged and will not be read: not kept until the walk ends.
  const blobs = objects.value.blobs.filter((blob) => !inWorkTree.oids.has(blob.oid));
  return { blobs: ok(blobs), digest: objects.value.digest, tracked: inWorkTree.paths };
}

/**
 * Queues every blob of a repository's history for scanning, except those identical to a file
 * in its work tree (scanned already). Blobs over the size limit are skipped like files.
 */
export async function queueHistory(
  directory: GitDirectory,
  { blobs, tracked, digest }: HistoryListing,
  { runner, cache, reuse }: HistorySinks,
  maxFileSize: number,
  skipped: Skipped[],
): Promise<QueuedHistory> {
  const history = { ...locate(directory), tracked, digest };
  if (!blobs.ok) {
    skipped.push({ root: directory.root, path: relative(directory.root, directory.gitDir), reason: 'unreadable', detail: `history not scanned: ${blobs.errors[0]}` });
    return history;
  }
  // The blobs to read, and (at the same index) the path each is reported at: no map from id to
  // path, as git answers in the order asked.
  const wanted: string[] = [];
  const pathsOfWanted: string[] = [];
  for (const blob of blobs.value) {
    const path = blob.path ? `${history.prefix}${blob.path}` : objectPath(history, blob.oid);
    if (blob.size > maxFileSize) {
      skipped.push({ root: directory.root, path, reason: 'too-large', detail: `git object ${blob.oid.slice(0, 12)}: ${blob.size} bytes, over the ${maxFileSize}-byte limit` });
      continue;
    }
    const task = { root: directory.root, path, source: 'git-history' as const, oid: blob.oid, gitDir: directory.gitDir };
    const cached = cache?.lookupBlob(historyKey(directory.gitDir, blob.oid, path));
    if (cached) {
      reuse({ task, ...cached });
      continue;
    }
    wanted.push(blob.oid);
    pathsOfWanted.push(path);
  }
  await readBlobs(history.at, wanted, (blob) =>
    runner.add({ root: directory.root, path: pathsOfWanted[blob.index]!, source: 'git-history', bytes: blob.bytes, oid: blob.oid, gitDir: directory.gitDir }),
  );
  return history;
}

/** Root-relative paths of the repository's unmodified tracked files that `isFlagged` picks. */
export const trackedAmong = (history: QueuedHistory, isFlagged: (path: string) => boolean): string[] =>
  splitPaths(history.tracked)
    .map((path) => `${history.prefix}${path}`)
    .filter(isFlagged);

/**
 * Gives each history finding the commit that introduced its blob (and the path there), and
 * keeps one finding per rule, secret and path: the same secret in ten versions of a file is
 * one exposure.
 */
export async function traceHistory(history: QueuedHistory, found: { entry: Collected; oid: string }[], memory?: IntroductionMemory): Promise<Collected[]> {
  const remembered = memory && history.digest ? { memory, digest: history.digest } : undefined;
  const introductions = await findIntroductions(history.at, new Set(found.map((f) => f.oid)), remembered);
  const seen = new Set<string>();
  const traced: Collected[] = [];
  for (const { entry, oid } of found) {
    const { finding } = entry;
    const introduced = introductions.get(oid);
    const file = introduced ? `${history.prefix}${introduced.path}` : (finding.file ?? finding.path);
    // A finding inside the blob (an archive entry, a binary's string) keeps its place in it.
    const path = finding.file ? `${file}${finding.path.slice(finding.file.length)}` : file;
    const key = `${finding.ruleId}\0${finding.fingerprint}\0${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    traced.push({ ...entry, finding: { ...finding, path, ...(finding.file ? { file } : {}), ...(introduced ? { commit: introduced.commit } : {}) } });
  }
  return traced;
}
