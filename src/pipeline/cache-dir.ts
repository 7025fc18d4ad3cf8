import { closeSync, lstatSync, lutimesSync, mkdirSync, openSync, readSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve, sep } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/**
 * airlock's cache folder: `$AIRLOCK_CACHE_DIR`, else `$XDG_CACHE_HOME/airlock`, else
 * `~/.cache/airlock`. `AIRLOCK_CACHE_DIR=off` turns caching off. It holds rule definitions and
 * per-file results (fingerprints and masked values only, never a secret).
 */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env.AIRLOCK_CACHE_DIR;
  if (chosen !== undefined) return chosen === '' || chosen === 'off' ? undefined : resolve(chosen);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), 'airlock');
  const home = env.HOME ?? homedir();
  return home ? join(home, '.cache', 'airlock') : undefined;
}

const real = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
};

/** airlock never writes into a folder it scans, its cache included: false when the cache is inside a root. */
export function isCacheWritable(cacheDir: string, roots: string[]): boolean {
  const cache = real(cacheDir) + sep;
  return roots.every((root) => !cache.startsWith(real(root).replace(/\/?$/, sep)));
}

/** The cache folder as one command uses it: what it read and wrote there, for pruning (`cache-prune.ts`). */
export interface CacheFolder {
  readonly dir: string;
  /** False when the folder lies inside a scanned root: then nothing in it is written, touched or deleted. */
  readonly isWritable: boolean;
  /** Names of the files read or written so far, which pruning leaves alone. */
  readonly inUse: Set<string>;
  /** Whether a file was written, so the folder may have grown. */
  hasWritten: boolean;
}

export const openCacheFolder = (dir: string, isWritable: boolean): CacheFolder => ({ dir, isWritable, inUse: new Set(), hasWritten: false });

/** The cache folder for a scan of `roots`, or undefined when caching is off. */
export function cacheFolderFor(roots: string[], env: NodeJS.ProcessEnv = process.env): CacheFolder | undefined {
  const dir = cacheDirectory(env);
  return dir === undefined ? undefined : openCacheFolder(dir, isCacheWritable(dir, roots));
}

/**
 * A cache file's mtime is when it was last used, not only written: atime cannot say (mounts
 * use noatime or relatime). Bumped at most once a day, so a git hook that reuses the same file
 * on every commit does not write on every commit.
 */
export const USE_RESOLUTION_MS = 24 * 60 * 60 * 1000;

/** Records that `file` (in the folder) was read and its content reused: pruning must keep it. */
export function noteCacheRead(folder: CacheFolder, file: string, now = Date.now()): void {
  folder.inUse.add(basename(file));
  if (!folder.isWritable) return;
  try {
    const stats = lstatSync(file);
    // lutimes: a link planted in the cache never gets its target's times changed.
    if (stats.isFile() && now - stats.mtimeMs > USE_RESOLUTION_MS) lutimesSync(file, new Date(now), new Date(now));
  } catch {
    // a read-only folder, or another process removed it: only the next prune may come early
  }
}

/** Records that `file` (in the folder) was just written. */
export function noteCacheWrite(folder: CacheFolder, file: string): void {
  folder.inUse.add(basename(file));
  folder.hasWritten = true;
}

/** Text waits in memory until there is this much, then goes to the partial file. */
const FLUSH_CHARS = 256 * 1024;

/**
 * A cache file being written: text is appended to a partial file beside it as it comes (the
 * scan's records while it runs, a memory's entries one by one), so none of it is held whole,
 * and `commit` renames it into place, so a reader never sees half a file. Writing stops for
 * good at the first error (a cache only saves time).
 */
export class PartialFile {
  readonly path: string;
  private fd: number | undefined;
  private pending: (string | Uint8Array)[] = [];
  private pendingChars = 0;
  private isBroken = false;

  constructor(
    private readonly dir: string,
    file: string,
  ) {
    this.path = `${file}.${process.pid}.tmp`;
  }

  append(record: string | Uint8Array): void {
    if (this.isBroken) return;
    this.pending.push(record);
    this.pendingChars += record.length;
    if (this.pendingChars >= FLUSH_CHARS) this.flush();
  }

  /** Writes what waits; false if the file could not be written. */
  flush(): boolean {
    if (this.isBroken) return false;
    try {
      if (this.fd === undefined) {
        mkdirSync(this.dir, { recursive: true, mode: 0o700 });
        this.fd = openSync(this.path, 'w', 0o600);
      }
      // All of it: a single write may stop short. Text in one piece, bytes as they are.
      const pieces = this.pending.every((piece) => typeof piece === 'string') ? [this.pending.join('')] : this.pending;
      for (const piece of pieces) writeFileSync(this.fd, piece);
    } catch {
      this.isBroken = true;
      this.discard();
    }
    this.pending = [];
    this.pendingChars = 0;
    return !this.isBroken;
  }

  /** Finishes the file and puts it in place of `file`; false if that failed. */
  commit(file: string): boolean {
    if (!this.flush()) return false;
    try {
      closeSync(this.fd!);
      this.fd = undefined;
      renameSync(this.path, file);
      return true;
    } catch {
      this.discard();
      return false;
    }
  }

  /** What was appended so far, read back from the partial file in pieces (never held whole). */
  *readBack(): Generator<string> {
    if (this.fd === undefined && this.pending.length === 0) return;
    if (!this.flush()) return;
    const fd = openSync(this.path, 'r');
    try {
      const buffer = Buffer.alloc(1 << 20);
      const decoder = new StringDecoder('utf8');
      for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
        const text = decoder.write(buffer.subarray(0, read));
        if (text !== '') yield text;
      }
      const rest = decoder.end();
      if (rest !== '') yield rest;
    } finally {
      closeSync(fd);
    }
  }

  discard(): void {
    try {
      if (this.fd !== undefined) closeSync(this.fd);
      this.fd = undefined;
      rmSync(this.path, { force: true });
    } catch {
      // a leftover partial only costs disk
    }
  }
}

/**
 * Writes a cache file in the folder, from one text (or bytes) or from pieces as they come, through a
 * partial file renamed into place. Nothing happens in a folder airlock may not write; a
 * failure only costs time.
 */
export function writeCacheFile(folder: CacheFolder, file: string, text: string | Uint8Array | Iterable<string>): void {
  if (!folder.isWritable) return;
  const partial = new PartialFile(folder.dir, file);
  for (const piece of typeof text === 'string' || text instanceof Uint8Array ? [text] : text) partial.append(piece);
  if (partial.commit(file)) noteCacheWrite(folder, file);
}
