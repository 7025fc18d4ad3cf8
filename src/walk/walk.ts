import { isUtf8 } from 'node:buffer';
import { readdir, readdirSync, type Dirent } from 'node:fs';
import { realpath, readlink } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import fg from 'fast-glob';
import type { Skipped } from '../model/finding.js';
import { Backlog } from './backlog.js';
import { isExcluded, type ExclusionSource } from './exclusions.js';

/** A regular file to scan. */
export interface FileEntry {
  root: string;
  path: string;
  absolutePath: string;
}

export interface SymlinkEscape {
  root: string;
  path: string;
  target: string;
}

/** What the walk learns besides the files: kept by the caller, filled as the walk goes. */
export interface WalkLog {
  skipped: Skipped[];
  escapes: SymlinkEscape[];
}

const toPosix = (path: string) => (sep === '/' ? path : path.split(sep).join('/'));
const fromPosix = (path: string) => (sep === '/' ? path : path.split('/').join(sep));

const isInside = (root: string, target: string) => target === root || target.startsWith(root.endsWith(sep) ? root : root + sep);

/** fast-glob's patterns never match a name holding one of these: such entries are walked apart. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

type ReaddirCallback = (error: NodeJS.ErrnoException | null, entries: Dirent[]) => void;

/** An entry fast-glob could not match, kept to be walked after it. */
interface Deferred {
  path: string;
  absolutePath: string;
  dirent: Dirent;
}

/** Errors that mean the folder went away while the walk was on its way to it. */
const VANISHED = new Set(['ENOENT', 'ENOTDIR']);

/**
 * The names in `directory` that are not valid UTF-8, as Node shows them (with U+FFFD): no
 * string path reaches such a file, so it cannot be opened, only reported. Asked only when a
 * name holds U+FFFD, which is rare.
 */
function invalidNames(directory: string): Set<string> {
  try {
    return new Set(readdirSync(directory, { encoding: 'buffer' }).filter((raw) => !isUtf8(raw)).map((raw) => raw.toString('utf8')));
  } catch {
    return new Set();
  }
}

/**
 * fast-glob reads folders through this adapter: an unreadable folder becomes a `skipped`
 * entry instead of an error that ends the walk, and excluded entries are dropped (and
 * counted) before fast-glob descends into them. Names fast-glob cannot match (a line break)
 * are set aside in `deferred`, and names no path can reach (invalid UTF-8) are logged as
 * skipped, rather than lost.
 */
function createReaddir(root: string, exclusions: ExclusionSource[], log: WalkLog, deferred: Deferred[], backlog: Backlog) {
  return (directory: string, options: { withFileTypes: true }, callback: ReaddirCallback) => {
    backlog.whenRoom(() => readdir(directory, options, (error, entries) => {
      const relativeDir = toPosix(relative(root, directory));
      if (error) {
        const reason = VANISHED.has(error.code ?? '') ? 'vanished' : 'unreadable';
        log.skipped.push({ root, path: relativeDir || '.', reason, detail: `${error.code ?? 'error'}: cannot list folder` });
        callback(null, []);
        return;
      }
      let invalid: Set<string> | undefined;
      const kept = entries.filter((entry) => {
        const path = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
        if (exclusions.length > 0 && isExcluded(exclusions, path, entry.isDirectory())) return false;
        if (entry.name.includes('\ufffd') && (invalid ??= invalidNames(directory)).has(entry.name)) {
          log.skipped.push({ root, path, reason: 'unreadable', detail: 'name is not valid UTF-8, so no path can open it: not scanned' });
          return false;
        }
        if (LINE_BREAK.test(entry.name)) {
          deferred.push({ path, absolutePath: resolve(directory, entry.name), dirent: entry });
          return false;
        }
        return true;
      });
      backlog.added(kept.length);
      callback(null, kept);
    }));
  };
}

async function resolveLink(absolutePath: string): Promise<string> {
  try {
    return await realpath(absolutePath);
  } catch {
    // Dangling or looping: judge by where the link says it points, from the link's real folder
    // (the root may itself be reached through a link).
    return resolve(await realpath(dirname(absolutePath)), await readlink(absolutePath));
  }
}

type EntryKind = Pick<Dirent, 'isFile' | 'isDirectory' | 'isSymbolicLink'>;

/** What one entry is: a file to scan, a link to judge, or something never opened. */
async function* classify(root: string, realRoot: string, path: string, absolutePath: string, dirent: EntryKind, log: WalkLog): AsyncGenerator<FileEntry> {
  if (dirent.isFile()) {
    yield { root, path, absolutePath };
  } else if (dirent.isSymbolicLink()) {
    try {
      const target = await resolveLink(absolutePath);
      if (!isInside(realRoot, target)) log.escapes.push({ root, path, target });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      log.skipped.push({ root, path, reason: VANISHED.has(code) ? 'vanished' : 'unreadable', detail: `${code}: cannot read link` });
    }
  } else if (!dirent.isDirectory()) {
    log.skipped.push({ root, path, reason: 'not-regular-file', detail: 'FIFO, socket or device: never opened' });
  }
}

/**
 * Folders read at once. fast-glob's default is one per core: with two, a warm rescan's main
 * thread (all lookups, no matching) waited a quarter of the walk for the next folder's names.
 */
const WALK_CONCURRENCY = 8;

/** Walks the folder `cwd` (the root, or a folder under it whose name fast-glob cannot match). */
async function* walkFolder(root: string, realRoot: string, cwd: string, exclusions: ExclusionSource[], log: WalkLog): AsyncGenerator<FileEntry> {
  const deferred: Deferred[] = [];
  const backlog = new Backlog();
  const stream = fg.stream('**', {
    cwd,
    dot: true,
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
    unique: false,
    suppressErrors: false,
    concurrency: WALK_CONCURRENCY,
    fs: { readdir: createReaddir(root, exclusions, log, deferred, backlog) as never },
  });
  const entries = stream[Symbol.asyncIterator]() as AsyncIterator<fg.Entry>;
  const base = cwd.endsWith(sep) ? cwd : cwd + sep;
  const prefix = cwd === root ? '' : `${toPosix(relative(root, cwd))}/`;
  for (;;) {
    backlog.willWait();
    const next = await entries.next();
    if (next.done) break;
    backlog.taken();
    const entry = next.value;
    // fast-glob's paths are relative to cwd, '/'-separated and hold no . or .. segment: joined
    // by hand, not by resolve() and relative(), which were a tenth of the main thread's time.
    yield* classify(root, realRoot, prefix + entry.path, base + fromPosix(entry.path), entry.dirent, log);
  }
  for (const { path, absolutePath, dirent } of deferred) {
    if (dirent.isDirectory()) yield* walkFolder(root, realRoot, absolutePath, exclusions, log);
    else yield* classify(root, realRoot, path, absolutePath, dirent, log);
  }
}

/**
 * Every file a mount of `root` would expose: dotfiles, git-ignored files, `node_modules` and
 * `.git` included. Links are never followed; a link leading outside the root is logged as an
 * escape. FIFOs, sockets and devices are logged as skipped and never opened.
 */
export async function* walkRoot(root: string, exclusions: ExclusionSource[], log: WalkLog): AsyncGenerator<FileEntry> {
  yield* walkFolder(root, await realpath(root), root, exclusions, log);
}
