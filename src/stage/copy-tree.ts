import {
  chmodSync, closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readlinkSync, readSync, symlinkSync,
  utimesSync, writeFileSync, writeSync, type Dirent,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Flag } from '../mount/causes.js';
import { isEnvFile, redactEnv } from './redact-env.js';
import type { StageSummary } from './staged-report.js';

export interface CopyPlan {
  /** Root-relative paths to leave out (the mount planner's flags for this root). */
  flags: ReadonlyMap<string, Flag>;
  /** For each file, the 1-based lines where the scan found something (to drop flagged comments from .env files). */
  findingLines: ReadonlyMap<string, ReadonlySet<number>>;
}

const CHUNK = 1 << 16;
/** Permission bits only: setuid, setgid and sticky bits are not copied. */
const PERMISSIONS = 0o777;
const REDACTABLE = new Set(['block', 'review']);

const toPosix = (path: string) => path.split(sep).join('/');
const isInside = (inner: string, outer: string) => inner === outer || inner.startsWith(outer + sep);

/** Opens without following a link and checks it is a regular file, so a file swapped for a link since the scan is not read. */
function openRegular(path: string): number {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw Object.assign(new Error(`${path}: no longer a regular file`), { code: 'ENOTREG' });
  }
  return fd;
}

function copyFile(from: string, to: string): void {
  const input = openRegular(from);
  try {
    const stats = fstatSync(input);
    const output = openSync(to, 'wx', 0o600);
    try {
      const buffer = Buffer.allocUnsafe(CHUNK);
      for (let n = readSync(input, buffer); n > 0; n = readSync(input, buffer)) writeSync(output, buffer, 0, n);
    } finally {
      closeSync(output);
    }
    chmodSync(to, stats.mode & PERMISSIONS);
    utimesSync(to, stats.atime, stats.mtime);
  } finally {
    closeSync(input);
  }
}

function readText(path: string): { text: string; mode: number; atime: Date; mtime: Date } {
  const fd = openRegular(path);
  try {
    const stats = fstatSync(fd);
    const chunks: Buffer[] = [];
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) chunks.push(Buffer.from(buffer.subarray(0, n)));
    return { text: Buffer.concat(chunks).toString('utf8'), mode: stats.mode, atime: stats.atime, mtime: stats.mtime };
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies `source` into the empty folder `destination`: flagged paths left out, dotenv files
 * rewritten with placeholders, files copied with their permission bits and times, links
 * copied (as relative links) only when they point inside `source`. Never follows a link and
 * never writes under `source`.
 */
export function copyTree(source: string, destination: string, plan: CopyPlan): StageSummary {
  const summary: StageSummary = { source, copied: 0, leftOut: [], redacted: [] };
  const leaveOut = (path: string, reason: string): void => {
    summary.leftOut.push({ path, reason });
  };

  const copyEntry = (entry: Dirent, rel: string): void => {
    const from = join(source, rel);
    const to = join(destination, rel);
    const flag = plan.flags.get(toPosix(rel));
    const isEnv = entry.isFile() && isEnvFile(entry.name);
    if (flag && !(isEnv && REDACTABLE.has(flag.cause))) return leaveOut(toPosix(rel), flag.reason);
    try {
      if (entry.isDirectory()) return copyFolder(rel);
      if (isEnv) {
        const original = readText(from);
        if (original.text.includes('\0')) return leaveOut(toPosix(rel), 'dotenv file name, but not text: cannot be redacted');
        const redacted = redactEnv(original.text, plan.findingLines.get(toPosix(rel)));
        writeFileSync(to, redacted.text, { flag: 'wx', mode: 0o600 });
        chmodSync(to, original.mode & PERMISSIONS);
        utimesSync(to, original.atime, original.mtime);
        summary.redacted.push({ path: toPosix(rel), values: redacted.values, removed: redacted.removed });
      } else if (entry.isFile()) {
        copyFile(from, to);
        summary.copied++;
      } else if (entry.isSymbolicLink()) {
        const target = resolve(dirname(from), readlinkSync(from));
        if (!isInside(target, source)) return leaveOut(toPosix(rel), `link pointing outside the folder (${readlinkSync(from)})`);
        symlinkSync(relative(dirname(to), join(destination, relative(source, target))) || '.', to);
        summary.copied++;
      } else leaveOut(toPosix(rel), 'FIFO, socket or device: never copied');
    } catch (error) {
      leaveOut(toPosix(rel), `could not be copied (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  };

  const copyFolder = (rel: string): void => {
    const from = join(source, rel);
    const to = join(destination, rel);
    const stats = lstatSync(from);
    if (!stats.isDirectory()) return leaveOut(toPosix(rel), 'no longer a folder');
    if (rel) mkdirSync(to, { mode: 0o700 });
    const entries = readdirSync(from, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) copyEntry(entry, join(rel, entry.name));
    if (rel) {
      chmodSync(to, stats.mode & PERMISSIONS);
      utimesSync(to, stats.atime, stats.mtime);
    }
  };

  const rootFlag = plan.flags.get('');
  if (rootFlag) leaveOut('.', rootFlag.reason);
  else copyFolder('');
  return summary;
}
