import { readdir, type Dirent } from 'node:fs';
import { realpath, readlink } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import fg from 'fast-glob';
import type { Skipped } from '../model/finding.js';
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

const isInside = (root: string, target: string) => target === root || target.startsWith(root.endsWith(sep) ? root : root + sep);

/** fast-glob's patterns never match a name holding one of these, so it drops the entry unseen. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

type ReaddirCallback = (error: NodeJS.ErrnoException | null, entries: Dirent[]) => void;

/**
 * fast-glob reads folders through this adapter: an unreadable folder becomes a `skipped`
 * entry instead of an error that ends the walk, and excluded entries are dropped (and
 * counted) before fast-glob descends into them. Names fast-glob cannot match are logged as
 * skipped here rather than lost.
 */
function createReaddir(root: string, exclusions: ExclusionSource[], log: WalkLog) {
  return (directory: string, options: { withFileTypes: true }, callback: ReaddirCallback) => {
    readdir(directory, options, (error, entries) => {
      const relativeDir = toPosix(relative(root, directory));
      if (error) {
        log.skipped.push({ root, path: relativeDir || '.', reason: 'unreadable', detail: `${error.code ?? 'error'}: cannot list folder` });
        callback(null, []);
        return;
      }
      const kept = entries.filter((entry) => {
        const path = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
        if (exclusions.length > 0 && isExcluded(exclusions, path, entry.isDirectory())) return false;
        if (LINE_BREAK.test(entry.name)) {
          log.skipped.push({ root, path, reason: 'unreadable', detail: 'name holds a line break, which the walk cannot match: not scanned' });
          return false;
        }
        return true;
      });
      callback(null, kept);
    });
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

/**
 * Every file a mount of `root` would expose: dotfiles, git-ignored files, `node_modules` and
 * `.git` included. Links are never followed; a link leading outside the root is logged as an
 * escape. FIFOs, sockets and devices are logged as skipped and never opened.
 */
export async function* walkRoot(root: string, exclusions: ExclusionSource[], log: WalkLog): AsyncGenerator<FileEntry> {
  const realRoot = await realpath(root);
  const stream = fg.stream('**', {
    cwd: root,
    dot: true,
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
    unique: false,
    suppressErrors: false,
    fs: { readdir: createReaddir(root, exclusions, log) as never },
  });
  for await (const item of stream) {
    const entry = item as unknown as fg.Entry;
    const { dirent } = entry;
    const path = toPosix(entry.path);
    const absolutePath = resolve(root, entry.path);
    if (dirent.isDirectory()) continue;
    if (dirent.isFile()) {
      yield { root, path, absolutePath };
    } else if (dirent.isSymbolicLink()) {
      try {
        const target = await resolveLink(absolutePath);
        if (!isInside(realRoot, target)) log.escapes.push({ root, path, target });
      } catch (error) {
        log.skipped.push({ root, path, reason: 'unreadable', detail: `${(error as NodeJS.ErrnoException).code ?? 'error'}: cannot read link` });
      }
    } else {
      log.skipped.push({ root, path, reason: 'not-regular-file', detail: 'FIFO, socket or device: never opened' });
    }
  }
}
