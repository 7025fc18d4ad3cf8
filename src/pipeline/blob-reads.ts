import { basename, dirname } from 'node:path';
import { BlobSource } from '../git/cat-file.js';
import type { GitLocation } from '../git/git-process.js';
import { blankUnchanged } from './blank-unchanged.js';
import type { FileTask } from './scan-file-task.js';

/**
 * History blobs are read by the thread that scans them, through one long-lived `git cat-file`
 * per repository and thread: the main thread only hands out ids, so the gigabytes of a long
 * history never pass through it (nor are copied to a worker), and the comparison of each
 * version with the one before it runs in the workers, beside the matching.
 */
const sources = new Map<string, BlobSource>();

const locationOf = (gitDir: string): GitLocation => (basename(gitDir) === '.git' ? { gitDir, workTree: dirname(gitDir) } : { gitDir });

/**
 * Repositories are queued one after another, so a thread needs one or two processes at a
 * time, not one for each of a home folder's hundreds of repositories: the least recently
 * used is stopped past `OPEN_SOURCES`.
 */
const OPEN_SOURCES = 2;

function sourceFor(gitDir: string): BlobSource {
  let source = sources.get(gitDir);
  // Map order is the order of use: taken out and put back at the end.
  if (source) sources.delete(gitDir);
  else source = new BlobSource(locationOf(gitDir));
  sources.set(gitDir, source);
  for (const [other, old] of sources) {
    if (sources.size <= OPEN_SOURCES) break;
    old.close();
    sources.delete(other);
  }
  return source;
}

/** Stops this thread's git processes (the scan is over). */
export function closeBlobSources(): void {
  for (const source of sources.values()) source.close();
  sources.clear();
}

/** History blobs read ahead of the one being scanned: a batch of 64 long file versions was tens of MB. */
const BLOBS_PER_READ = 8;
/**
 * …and no more bytes than this, past the first blob: eight versions of a 2.5 MB file (and the
 * copies compared with them) were most of a worker's 40 MiB of buffers, and twenty
 * repositories with their histories peaked at 395–400 MiB, 367–377 with this.
 */
const BYTES_PER_READ = 4 * 2 ** 20;

/**
 * Where a thread's next read of blobs from `batch[from]` ends: after `BLOBS_PER_READ` tasks,
 * or once the sizes they carry pass `BYTES_PER_READ` (a task without one counts as nothing).
 */
export function readAheadEnd(batch: readonly FileTask[], from: number): number {
  let bytes = 0;
  let end = from;
  while (end < batch.length && end - from < BLOBS_PER_READ && (end === from || bytes < BYTES_PER_READ)) bytes += batch[end++]!.size ?? 0;
  return end;
}

/** A task that names a blob to read rather than carrying its bytes. */
export const isUnreadBlob = (task: FileTask) => task.bytes === undefined && task.oid !== undefined && task.gitDir !== undefined && task.absolutePath === undefined;

/**
 * Reads the blobs of the tasks that name one (all of a repository's in one request), and
 * gives each its bytes: compared with `previousOid`'s where the task names one. Returns the
 * tasks git had no blob for (they keep no bytes).
 */
export async function fillBlobs(tasks: FileTask[]): Promise<Set<FileTask>> {
  const missing = new Set<FileTask>();
  const byRepository = new Map<string, FileTask[]>();
  for (const task of tasks) {
    if (!isUnreadBlob(task)) continue;
    const list = byRepository.get(task.gitDir!) ?? [];
    list.push(task);
    byRepository.set(task.gitDir!, list);
  }
  for (const [gitDir, list] of byRepository) {
    // Each id once: a version's previous one is usually the task just before it, or the last
    // blob this thread read.
    const remembered = lastRead?.gitDir === gitDir ? lastRead : undefined;
    const ids = [...new Set(list.flatMap((task) => (task.previousOid ? [task.previousOid, task.oid!] : [task.oid!])))].filter((oid) => oid !== remembered?.oid);
    const blobs = await sourceFor(gitDir).read(ids);
    const byId = new Map(ids.map((oid, i) => [oid, blobs[i]]));
    if (remembered) byId.set(remembered.oid, remembered.bytes);
    for (const task of list) {
      const bytes = byId.get(task.oid!);
      const previous = task.previousOid ? byId.get(task.previousOid) : undefined;
      if (!bytes) missing.add(task);
      else task.bytes = previous ? blankUnchanged(previous, bytes) : bytes;
    }
    const last = list.at(-1)!;
    const lastBytes = byId.get(last.oid!);
    lastRead = lastBytes ? { gitDir, oid: last.oid!, bytes: lastBytes } : undefined;
  }
  return missing;
}

/** The last blob this thread read, whole: the next version of its path is compared with it. */
let lastRead: { gitDir: string; oid: string; bytes: Buffer } | undefined;
