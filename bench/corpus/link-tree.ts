import { linkSync, lstatSync, mkdirSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Copies a tree as hard links (like `cp -al`): no data is duplicated and the page cache is
 * shared, so a tier folder is the same bytes as the full tree. Symbolic links are recreated.
 */
export function linkTree(source: string, target: string): void {
  const stats = lstatSync(source);
  mkdirSync(dirname(target), { recursive: true });
  if (stats.isDirectory()) {
    mkdirSync(target, { recursive: true });
    for (const name of readdirSync(source)) linkTree(join(source, name), join(target, name));
  } else if (stats.isSymbolicLink()) {
    symlinkSync(readlinkSync(source), target);
  } else if (stats.isFile()) {
    linkSync(source, target);
  }
}
