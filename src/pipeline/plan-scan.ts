import { lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { resolve } from 'node:path';
import type { Outcome } from '../model/outcome.js';
import type { ScanResult } from '../model/result.js';
import { flagPaths } from '../mount/flag-paths.js';
import type { EntryKind, FolderEntry, Plan } from '../mount/plan.js';
import { foldersToList, planMounts } from '../mount/plan-mounts.js';

export interface PlanOptions {
  /** Keep files whose findings are all review-level. */
  acceptReview: boolean;
  /** Paths (absolute, or relative to the current folder) to mount read-write. */
  rw: readonly string[];
  canMountFiles: boolean;
}

const kindOf = (entry: Dirent): EntryKind =>
  entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : entry.isSymbolicLink() ? 'link' : 'special';

/**
 * Lists one folder without following links (a root the user named may be a link to a folder);
 * undefined when it is gone, not a folder, or unreadable.
 */
function listFolder(path: string, isRoot: boolean): FolderEntry[] | undefined {
  try {
    if (!(isRoot ? statSync(path) : lstatSync(path)).isDirectory()) return undefined;
    return readdirSync(path, { withFileTypes: true }).map((entry) => ({ name: entry.name, kind: kindOf(entry) }));
  } catch {
    return undefined;
  }
}

/**
 * The I/O edge of the planner: lists just the folders on the way to a flagged or --rw path
 * (never following links) and hands them, with the scan's flags, to the pure `planMounts`.
 */
export function planScan(result: ScanResult, options: PlanOptions): Outcome<Plan> {
  const flags = flagPaths(result, { acceptReview: options.acceptReview });
  const rw = options.rw.map((path) => resolve(path));
  const roots = new Set(result.roots);
  const listings = new Map(foldersToList(result.roots, flags, rw).map((folder) => [folder, listFolder(folder, roots.has(folder))] as const));
  return planMounts({ roots: result.roots, flags, listings, rw, canMountFiles: options.canMountFiles });
}
