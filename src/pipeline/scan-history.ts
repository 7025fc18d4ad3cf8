import { basename, dirname, relative } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { GitLocation } from '../git/git-process.js';
import { blobIndex, introductionOf, listHistoryBlobs, oidAt, orderOf as orderOfBlob, readingOrder, type HistoryObjects } from '../git/history-objects.js';
import { findIntroductions, listWorkTreeBlobs, pairedPaths, type Introduction, type IntroductionMemory, type WorkTreeBlobs } from '../git/history.js';
import { objectFingerprint } from '../git/object-fingerprint.js';
import { blobIdsOf } from './blob-ids.js';
import type { ContentTally } from '../model/contents.js';
import type { Outcome } from '../model/outcome.js';
import { addClean, emptyHistoryState, isWorthKeeping, type HistoryState, type HistoryStateMemory } from './history-state.js';
import type { Skipped } from '../model/finding.js';
import type { Collected } from '../verdict/suppress.js';
import { historyKeyPrefix, type ScanCache } from './scan-cache.js';
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
   * The unmodified tracked files, as `oid NUL path NUL` with repository-relative paths: not
   * rescanned, but their content is in the object database. Deflated once the history is
   * settled, past a scan's first RAW_TRACKED_CHARS (a work tree of 20,000 files is 1.5 MB of
   * it, kept to the end for the plan).
   */
  tracked: string | Buffer;
  /** The repository's object fingerprint, when it was taken: what remembered introductions are keyed by. */
  digest?: string;
  /** The blobs as listed (with the commit that introduced each), when they were; let go once the history is settled. */
  objects?: HistoryObjects;
  /** The commits that introduced the blobs with findings, taken from `objects` when the history was settled. */
  introductions?: Map<string, Introduction>;
  /** Where a blob's introducing commit came in the log (larger is older): orders its findings. */
  orderOf: (oid: string) => number | undefined;
}

const toPosix = (path: string) => path.split('\\').join('/');

function locate(directory: GitDirectory): Omit<QueuedHistory, 'orderOf'> {
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
export const historyKey = (gitDir: string, oid: string, path: string) => `${historyKeyPrefix(gitDir)}${oid}:${path}`;

/** One repository's history in this scan: what its state will say, and how many blobs were read or reused. */
export interface HistoryRun {
  state: HistoryState;
  /** False when there is no fingerprint, or a blob's scan failed or ran out of time: not saved, so the next scan tries again. */
  isSaveable: boolean;
  /** The state remembered is still right: nothing read, the work tree the same. */
  isUnchanged: boolean;
  read: number;
  reused: number;
  orderOf: (oid: string) => number | undefined;
  /** Blobs handed to the workers and not yet reported: once every blob is queued, the history is settled when this is back to 0. */
  pending: number;
}

/** Takes a history blob's report into its repository's run (reports of read and of reused blobs alike). */
export function noteHistoryReport(run: HistoryRun | undefined, report: FileReport): void {
  if (!run) return;
  run.state.blobs++;
  if (report.skip?.reason === 'match-error' || report.skip?.reason === 'timeout') run.isSaveable = false;
  if (!isWorthKeeping(report)) return addClean(run.state, report);
  const { findings, bytes, skip, innerSkips, inside } = report;
  const order = run.orderOf(report.task.oid!);
  run.state.reports.push({ oid: report.task.oid!, path: report.task.path, findings, bytes, ...(skip ? { skip } : {}), ...(innerSkips ? { innerSkips } : {}), ...(inside ? { inside } : {}), ...(order !== undefined ? { order } : {}) });
}

export interface HistorySinks {
  runner: TaskRunner;
  cache?: ScanCache;
  /** Takes a result found in the cache (or a blob not read: too large), as if it had been scanned. */
  reuse: (report: FileReport) => void;
  /** Takes the totals of blobs remembered clean, without a report each. */
  tally: (blobs: number, bytes: number, inside: ContentTally) => void;
  runs: Map<string, HistoryRun>;
}

/** What git says a repository holds, or what an earlier scan of the same repository found. */
export interface HistoryListing {
  /** The blobs, when they were listed. */
  objects?: Outcome<HistoryObjects>;
  /** The earlier scan's state, when the repository is the same (then nothing is listed). */
  remembered?: HistoryState;
  fingerprint?: string;
  /** The blobs of the work tree's unchanged files (scanned as files, not read again). */
  workTree: WorkTreeBlobs;
}

/** Asks git for a repository's blobs, unless an earlier scan saw the same repository; started as soon as the walk finds its .git. */
export async function listHistory(directory: GitDirectory, memory?: HistoryStateMemory): Promise<HistoryListing> {
  const { at } = locate(directory);
  const [fingerprint, workTree] = await Promise.all([objectFingerprint(at), listWorkTreeBlobs(at, blobIdsOf)]);
  const remembered = fingerprint ? memory?.recall(fingerprint) : undefined;
  if (remembered) return { remembered, fingerprint, workTree };
  return { objects: await listHistoryBlobs(at), fingerprint, workTree };
}

/** The log positions kept with a history's reports (an earlier scan's, or this one's once settled). */
function keptOrder(state: HistoryState): (oid: string) => number | undefined {
  const orders = new Map(state.reports.flatMap((kept) => (kept.order !== undefined ? [[kept.oid, kept.order] as const] : [])));
  return (oid) => orders.get(oid);
}

/** The pairs of a `oid NUL path NUL` list. */
function* pairsOf(list: string): Generator<[string, string]> {
  const fields = list.split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) yield [fields[i]!, fields[i + 1]!];
}

/**
 * Queues every blob of a repository's history for scanning, except those identical to a file
 * in its work tree (scanned already). Blobs over the size limit are skipped like files. Each
 * version of a path is compared with the one read before it (`blankUnchanged`).
 */
export async function queueHistory(directory: GitDirectory, listing: HistoryListing, sinks: HistorySinks, maxFileSize: number, skipped: Skipped[]): Promise<QueuedHistory> {
  const { workTree, fingerprint, remembered, objects } = listing;
  const orderOf = remembered ? keptOrder(remembered) : objects?.ok ? (oid: string) => orderOfBlob(objects.value, oid) : () => undefined;
  const history: QueuedHistory = { ...locate(directory), tracked: workTree.pairs, digest: fingerprint, orderOf };
  const run: HistoryRun = { state: emptyHistoryState(fingerprint ?? ''), isSaveable: fingerprint !== undefined, isUnchanged: false, read: 0, reused: 0, orderOf, pending: 0 };
  sinks.runs.set(directory.gitDir, run);
  run.state.workTree = workTree.pairs;
  if (remembered) {
    rememberedHistory(directory, remembered, workTree, sinks, run);
    // Blobs the work tree held then and no longer does were never read: read them now.
    const toRead = [...pairsOf(remembered.workTree)].filter(([oid]) => !workTree.oids.has(oid));
    run.isUnchanged = toRead.length === 0 && remembered.workTree === workTree.pairs;
    await readInOrder(history, toRead.map(([oid, path]) => ({ oid, path: `${history.prefix}${path}` })), sinks, run, false);
    return history;
  }
  if (!objects?.ok) {
    run.isSaveable = false;
    skipped.push({ root: directory.root, path: relative(directory.root, directory.gitDir), reason: 'unreadable', detail: `history not scanned: ${objects?.errors[0]}` });
    return history;
  }
  const { value } = objects;
  history.objects = value;
  const wanted = function* () {
    for (const { index, path: inRepo } of readingOrder(value)) {
      const oid = oidAt(value, index);
      if (workTree.oids.has(oid)) continue;
      const path = inRepo !== undefined ? `${history.prefix}${inRepo}` : objectPath(history, oid);
      const task = { root: directory.root, path, source: 'git-history' as const, oid, gitDir: directory.gitDir };
      const size = value.sizes[index]!;
      if (size > maxFileSize) {
        sinks.reuse({ task, findings: [], bytes: 0, skip: { reason: 'too-large', detail: `git object ${oid.slice(0, 12)}: ${size} bytes, over the ${maxFileSize}-byte limit` } });
        continue;
      }
      const cached = sinks.cache?.lookupBlob(historyKey(directory.gitDir, oid, path));
      if (cached) {
        run.reused++;
        sinks.reuse({ task, ...cached });
        continue;
      }
      yield { oid, path, size };
    }
  };
  await readInOrder(history, wanted(), sinks, run, true);
  return history;
}

/** Takes an earlier scan's results: its reports (but for blobs now in the work tree) and its clean totals. */
function rememberedHistory(directory: GitDirectory, remembered: HistoryState, workTree: WorkTreeBlobs, sinks: HistorySinks, run: HistoryRun): void {
  for (const { oid, path, ...result } of remembered.reports) {
    if (workTree.oids.has(oid)) continue;
    run.reused++;
    sinks.reuse({ task: { root: directory.root, path, source: 'git-history', oid, gitDir: directory.gitDir }, ...result });
  }
  const clean = remembered.blobs - remembered.reports.length;
  run.reused += clean;
  run.state.blobs += clean;
  addClean(run.state, remembered);
  sinks.tally(clean, remembered.bytes, remembered.inside);
  sinks.cache?.keepBlobs(directory.gitDir);
}

/**
 * Queues blobs for scanning by id: the thread that scans a blob reads it from git. With
 * `compare`, a blob queued right after another version of the same path is matched only where
 * it differs from it.
 */
async function readInOrder(history: QueuedHistory, blobs: Iterable<{ oid: string; path: string; size?: number }>, { runner }: HistorySinks, run: HistoryRun, compare: boolean): Promise<void> {
  const { root, gitDir } = history.directory;
  let previous: { oid: string; path: string } | undefined;
  for (const { oid, path, size } of blobs) {
    run.read++;
    run.pending++;
    const previousOid = compare && previous?.path === path ? previous.oid : undefined;
    previous = { oid, path };
    await runner.add({ root, path, source: 'git-history', oid, gitDir, ...(previousOid ? { previousOid } : {}), ...(size !== undefined ? { size } : {}) });
  }
}

/** Root-relative paths of the repository's unmodified tracked files that `isFlagged` picks. */
export const trackedAmong = (history: QueuedHistory, isFlagged: (path: string) => boolean): string[] =>
  pairedPaths(typeof history.tracked === 'string' ? history.tracked : inflateRawSync(history.tracked).toString())
    .map((path) => `${history.prefix}${path}`)
    .filter(isFlagged);

/** The commits the listing found for the wanted blobs, remembered for a rescan of the same repository. */
function listedIntroductions(objects: HistoryObjects, wanted: Set<string>, remembered?: { memory: IntroductionMemory; digest: string }): Map<string, Introduction> {
  const found = new Map<string, Introduction>();
  for (const oid of wanted) {
    const index = blobIndex(objects, oid);
    const introduction = index === -1 ? undefined : introductionOf(objects, index);
    if (introduction) found.set(oid, introduction);
  }
  if (remembered && wanted.size > 0) remembered.memory.remember(remembered.digest, new Map([...wanted].map((oid) => [oid, found.get(oid) ?? null])));
  return found;
}

/** Where the commits found for a history's blobs are remembered: keyed by its object fingerprint, when it has one. */
const introductionsKept = (history: QueuedHistory, memory?: IntroductionMemory) => (memory && history.digest ? { memory, digest: history.digest } : undefined);

/**
 * Gives each history finding the commit that introduced its blob (and the path there), and
 * keeps one finding per rule, secret and path: the same secret in ten versions of a file is
 * one exposure.
 */
export async function traceHistory(history: QueuedHistory, found: { entry: Collected; oid: string }[], memory?: IntroductionMemory): Promise<Collected[]> {
  const remembered = introductionsKept(history, memory);
  const wanted = new Set(found.map((f) => f.oid));
  const introductions = history.introductions ?? (history.objects ? listedIntroductions(history.objects, wanted, remembered) : await findIntroductions(history.at, wanted, remembered));
  const seen = new Set<string>();
  const traced: Collected[] = [];
  // Oldest introduction first, whatever order the reports came in: the same secret in several
  // versions is reported once, at the version that brought it, on every scan alike.
  const older = (oid: string) => history.orderOf(oid) ?? -1;
  const inOrder = [...found].sort((a, b) => older(b.oid) - older(a.oid) || (a.oid < b.oid ? -1 : a.oid > b.oid ? 1 : 0));
  for (const { entry, oid } of inOrder) {
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

/**
 * How many characters of settled histories' tracked lists a scan keeps as they are; the lists
 * past it are deflated until the end of the scan reads them. Deflating, then inflating, the
 * bench tree's four lists took a warm rescan about 100 ms of its 1.7 s.
 */
export const RAW_TRACKED_CHARS = 8 * 2 ** 20;

/** What the settled histories of one scan hold as they are (`RAW_TRACKED_CHARS` at first). */
export interface TrackedBudget {
  charsLeft: number;
}

/**
 * Once every blob of a history has been reported: keeps what the end of the scan needs of its
 * listing (the commits that introduced the blobs with findings, and those blobs' log
 * positions) and lets the rest go, so that a home folder's hundreds of repositories are not
 * all held until the last one is read. `found` are the blobs with findings.
 */
export function settleHistory(history: QueuedHistory, run: HistoryRun, found: Iterable<string>, budget: TrackedBudget, memory?: IntroductionMemory): void {
  if (history.objects) {
    history.introductions = listedIntroductions(history.objects, new Set(found), introductionsKept(history, memory));
    history.objects = undefined;
  }
  run.orderOf = history.orderOf = keptOrder(run.state);
  if (typeof history.tracked !== 'string' || history.tracked.length === 0) return;
  if (history.tracked.length <= budget.charsLeft) budget.charsLeft -= history.tracked.length;
  // The fastest level: the list is read back at most once, and a warm rescan's four repositories spent 110 ms in the default one.
  else history.tracked = deflateRawSync(Buffer.from(history.tracked), { level: 1 });
}
