import { closeSync, constants, futimesSync, lstatSync, openSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheFolder } from './cache-dir.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface PrunePolicy {
  /** The most the cache files may weigh together; the least recently used go first. */
  maxBytes: number;
  /** A cache file unused for longer than this is deleted (known to within `USE_RESOLUTION_MS`: a day). */
  maxIdleMs: number;
  /** A partial file of an atomic write older than this was left by a process that died. */
  maxPartialAgeMs: number;
  /** Pruning runs at most this often, unless a command wrote to the cache. */
  intervalMs: number;
}

/**
 * 256 MiB holds the results of 30 to 80 trees of 113,000 files (3 to 9 MB each) beside the
 * rule definitions (0.6 MB per version of the rules): more than anyone scans in a month, and
 * little on any disk.
 */
export const PRUNE_POLICY: PrunePolicy = {
  maxBytes: 256 * 1024 * 1024,
  maxIdleMs: 30 * DAY_MS,
  maxPartialAgeMs: HOUR_MS,
  intervalMs: DAY_MS,
};

/**
 * What airlock writes into its cache folder, and so all it may delete there: results per set
 * of roots (`.json` from older versions), rule definitions, keyword automata, history states and commits (paths, from older versions), regex verdicts.
 */
const CACHE_FILE = String.raw`scan-[0-9a-f]{24}\.(?:cache|json)|rules-[0-9a-f]{32}\.json|prefilter-[0-9a-f]{32}\.bin|history-[0-9a-f]{24}\.(?:paths|commits|state)|regex-safety\.json`;
const CACHE_FILE_NAME = new RegExp(`^(?:${CACHE_FILE})$`);
/** Atomic writes go to `<name>.<pid>.tmp` first, then are renamed; a scan's entries with findings wait in `<name>.rich.<pid>.tmp`. */
const PARTIAL_NAME = new RegExp(`^(?:${CACHE_FILE})(?:\\.rich)?\\.\\d+\\.tmp$`);

/** Its mtime is when the folder was last pruned. */
export const PRUNE_MARKER = 'last-prune';

interface CacheFile {
  name: string;
  bytes: number;
  lastUsedMs: number;
  isPartial: boolean;
}

/**
 * The files to delete, oldest first: partials left behind and files unused too long, then the
 * least recently used until the rest fits the size limit. Files in use are never chosen (but
 * count towards the limit), nor partials that may still be being written.
 */
function chooseFilesToPrune(files: CacheFile[], inUse: ReadonlySet<string>, now: number, policy: PrunePolicy): string[] {
  const chosen: string[] = [];
  const kept: CacheFile[] = [];
  for (const file of [...files].sort((a, b) => a.lastUsedMs - b.lastUsedMs)) {
    const maxAgeMs = file.isPartial ? policy.maxPartialAgeMs : policy.maxIdleMs;
    if (!inUse.has(file.name) && now - file.lastUsedMs > maxAgeMs) chosen.push(file.name);
    else kept.push(file);
  }
  let bytes = kept.reduce((sum, file) => sum + file.bytes, 0);
  for (const file of kept) {
    if (bytes <= policy.maxBytes) break;
    if (inUse.has(file.name) || file.isPartial) continue;
    chosen.push(file.name);
    bytes -= file.bytes;
  }
  return chosen;
}

/** airlock's own files directly in the folder: regular files only (a link is not followed, a folder not entered). */
function listCacheFiles(dir: string): CacheFile[] {
  const files: CacheFile[] = [];
  for (const name of readdirSync(dir)) {
    const isPartial = PARTIAL_NAME.test(name);
    if (!isPartial && !CACHE_FILE_NAME.test(name)) continue;
    const stats = lstatSync(join(dir, name), { throwIfNoEntry: false });
    if (stats?.isFile()) files.push({ name, bytes: stats.size, lastUsedMs: stats.mtimeMs, isPartial });
  }
  return files;
}

/**
 * Deletes what `chooseFilesToPrune` picks and returns the names deleted. Every failure is
 * ignored (another airlock pruning the same files, a read-only folder): it only costs disk.
 */
export function pruneCacheFolder(folder: CacheFolder, now = Date.now(), policy = PRUNE_POLICY): string[] {
  let files: CacheFile[];
  try {
    files = listCacheFiles(folder.dir);
  } catch {
    return [];
  }
  return chooseFilesToPrune(files, folder.inUse, now, policy).filter((name) => {
    try {
      unlinkSync(join(folder.dir, name)); // removes a link itself, should one have replaced the file
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Sets the marker's mtime to now; false when that is impossible (a read-only folder: then no
 * file could be deleted either). Opened without following a link or waiting on a FIFO, and
 * never truncated.
 */
function claimPrune(dir: string, now: number): boolean {
  try {
    const fd = openSync(join(dir, PRUNE_MARKER), constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o600);
    try {
      futimesSync(fd, new Date(now), new Date(now));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch {
    return false;
  }
}

/** No prune within the interval before `now`; a marker from the future (the clock was set back) does not count. */
function isPruneOverdue(dir: string, now: number, intervalMs: number): boolean {
  try {
    const marker = lstatSync(join(dir, PRUNE_MARKER), { throwIfNoEntry: false });
    return marker === undefined || !(marker.mtimeMs >= now - intervalMs && marker.mtimeMs <= now);
  } catch {
    return false; // no folder to prune, or none we may look into
  }
}

/**
 * Prunes the folder after a command that wrote to it, or when the last prune is older than
 * the policy's interval: otherwise this costs one `lstat`, so a git hook stays fast. Nothing
 * is done in a folder the command may not write to.
 */
export function pruneCacheWhenDue(folder: CacheFolder, now = Date.now(), policy = PRUNE_POLICY): string[] {
  if (!folder.isWritable || !(folder.hasWritten || isPruneOverdue(folder.dir, now, policy.intervalMs))) return [];
  if (!claimPrune(folder.dir, now)) return [];
  return pruneCacheFolder(folder, now, policy);
}
