import { basename } from 'node:path';
import { containerLimits, isContainerBytes, scanInside, startInsideScan, type InnerSkip } from '../engine/containers/index.js';
import { matchPath, rulesForPath, type EngineOptions } from '../engine/scan-file.js';
import type { RuleSet } from '../engine/rule-set.js';
import { isEmptyTally, type ContentTally } from '../model/contents.js';
import type { FileFinding, FindingSource, Skipped, SkipReason } from '../model/finding.js';
import { fillBlobs, isUnreadBlob } from './blob-reads.js';
import { readFileSafely, type FileIdentity } from './read-file.js';
import { databaseReader } from './read-database.js';

/** One unit of content to scan: a file on disk, or bytes already read (a git blob). */
export interface FileTask {
  root: string;
  path: string;
  source: FindingSource;
  absolutePath?: string;
  bytes?: Uint8Array;
  /** For blobs: the object id and its git directory, so findings can be traced to a commit. */
  oid?: string;
  gitDir?: string;
  /**
   * For a history blob without bytes (read by the thread that scans it): the version of the
   * same path read before it, to match only where this one differs.
   */
  previousOid?: string;
  /** For a blob read by the thread that scans it: its size, which keeps the blobs read ahead within a budget. */
  size?: number;
}

export interface FileReport {
  task: Omit<FileTask, 'bytes'>;
  findings: FileFinding[];
  bytes: number;
  skip?: { reason: SkipReason; detail: string };
  /** Parts of the file not read: the file was read, but not all of what it holds. */
  innerSkips?: InnerSkip[];
  /** What was read inside the file (archives, entries, databases, binaries) or that it is media. */
  inside?: Partial<ContentTally>;
  /** For files on disk: what the cache keys this result by. */
  identity?: FileIdentity;
  /** Not scanned here: an archive or database, left for a worker thread (`TaskOptions.deferContainers`). */
  deferred?: true;
}

/** A report without its task: what a worker sends back (the pool knows which task it was). */
export type FileResult = Omit<FileReport, 'task'>;

export interface TaskOptions extends EngineOptions {
  maxFileSize: number;
  /**
   * On the main thread, which cannot be stopped mid-file: archives and databases, which expand
   * far past their own size, are reported `deferred` for a worker under the time budget.
   */
  deferContainers?: boolean;
}

/** How a blob over the size limit is told. */
export const tooLargeDetail = (size: number, maxFileSize: number) => `${size} bytes, over the ${maxFileSize}-byte limit`;

/** How a blob git could not give is told. */
export const unreadBlobDetail = (oid: string) => `git object ${oid.slice(0, 12)} could not be read`;

async function readTask(task: FileTask, maxFileSize: number) {
  let bytes = task.bytes;
  if (isUnreadBlob(task)) {
    // A copy: the task itself stays without bytes, so another thread can take it up again.
    const filled = { ...task };
    const missing = await fillBlobs([filled]).catch(() => new Set([filled]));
    if (missing.size > 0) return { ok: false as const, reason: 'unreadable' as const, detail: unreadBlobDetail(task.oid!), identity: undefined };
    bytes = filled.bytes;
  }
  if (!bytes) return readFileSafely(task.absolutePath!, maxFileSize);
  // A blob from git (history or the index) is over the limit only once read: git gives it whole.
  if (task.oid !== undefined && bytes.length > maxFileSize) {
    const detail = tooLargeDetail(bytes.length, maxFileSize);
    return { ok: false as const, reason: 'too-large' as const, detail: task.source === 'git-history' ? `git object ${task.oid.slice(0, 12)}: ${detail}` : detail, identity: undefined };
  }
  return { ok: true as const, bytes, identity: undefined, isMedia: undefined };
}

/** The counts that are not zero: most files have none, and the report crosses threads. */
function nonZero(tally: ContentTally): Partial<ContentTally> | undefined {
  if (isEmptyTally(tally)) return undefined;
  return Object.fromEntries(Object.entries(tally).filter(([, n]) => n > 0));
}

/**
 * Path rules from the path alone, then content rules on the bytes, if they can be read: text
 * as it is, and what archives, databases and other binaries hold (`engine/containers`).
 */
export async function scanFileTask(ruleSet: RuleSet, task: FileTask, options: TaskOptions): Promise<FileReport> {
  const { bytes: _bytes, ...about } = task;
  const rootName = basename(task.root);
  // Which path rules apply is decided once, for both the path and the content step.
  const applicable = rulesForPath(ruleSet, task.path, rootName);
  const byPath = matchPath(ruleSet, task.path, rootName, applicable);
  const read = await readTask(task, options.maxFileSize);
  const { identity } = read;
  if (!read.ok) return { task: about, findings: byPath, bytes: 0, skip: { reason: read.reason, detail: read.detail }, identity };
  // A media file counts whole in the scan's bytes, though only its first bytes were read.
  if (read.isMedia) return { task: about, findings: byPath, bytes: identity?.[2] ?? read.bytes.length, inside: { media: 1 }, identity };
  if (options.deferContainers && isContainerBytes(read.bytes)) return { task: about, findings: [], bytes: 0, deferred: true };
  try {
    const file = task.absolutePath ? { path: task.absolutePath, bytes: read.bytes } : undefined;
    const scan = startInsideScan(ruleSet, options, containerLimits(options.maxFileSize), databaseReader(file));
    const byContent = await scanInside(scan, task.path, read.bytes, 0, applicable);
    // Findings and skips inside the file name the file they are in, for the mount plan.
    const findings = [...byPath, ...byContent.map((f) => (f.path === task.path ? f : { ...f, file: task.path }))];
    return { task: about, findings, bytes: read.bytes.length, identity, inside: nonZero(scan.tally), ...(scan.skips.length > 0 ? { innerSkips: scan.skips } : {}) };
  } catch (error) {
    // A failed match is not cached: the next scan tries again.
    const detail = `matching failed: ${(error as Error).message.split('\n')[0]}`;
    return { task: about, findings: byPath, bytes: read.bytes.length, skip: { reason: 'match-error', detail } };
  }
}

/** What a report left unread, as the scan lists it: the file itself, and parts of it (naming the file). */
export function skippedOf(report: FileReport, root: string): Skipped[] {
  const { task, skip, innerSkips } = report;
  return [
    ...(skip ? [{ root, path: task.path, ...skip }] : []),
    ...(innerSkips ?? []).map((inner) => ({ root, ...inner, ...(inner.path === task.path ? {} : { file: task.path }) })),
  ];
}
