import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { adviseCompose, adviseDockerfile, CONTAINER_FILE, isComposeFile } from '../advice/container-build.js';
import type { Advice } from '../model/advice.js';
import type { FileEntry } from '../walk/walk.js';

/** Dockerfiles and Compose files larger than this, or past this many, are not read for advice. */
const MAX_BYTES = 1024 * 1024;
const MAX_FILES = 500;

/** Picks the walked entries advice reads: Dockerfiles and Compose files. */
export function isContainerFile(entry: FileEntry): boolean {
  return CONTAINER_FILE.test(basename(entry.path));
}

function readSmall(file: string): string | undefined {
  let fd: number | undefined;
  try {
    // No link is followed and no FIFO waited on: the same care as the scan's own reads.
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > MAX_BYTES) return undefined;
    const buffer = Buffer.alloc(stats.size);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.toString('utf8', 0, n);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Advice on container builds that install dependencies with secrets in their environment. */
export function adviseContainerFiles(entries: FileEntry[]): Advice[] {
  const advice: Advice[] = [];
  for (const entry of entries.slice(0, MAX_FILES)) {
    const text = readSmall(entry.absolutePath);
    if (text === undefined) continue;
    const at = { root: entry.root, path: entry.path };
    advice.push(...(isComposeFile(entry.path) ? adviseCompose(text, at) : adviseDockerfile(text, at)));
  }
  return advice;
}
