import type { MountMode, MountPlan } from '../model/result.js';
import type { ExclusionCause, Flag } from './causes.js';
import { oversizeOf } from './oversize.js';

/** What a folder entry is, as `readdir` reports it (links never followed). */
export type EntryKind = 'dir' | 'file' | 'link' | 'special';

export interface FolderEntry {
  name: string;
  kind: EntryKind;
}

/** The children of the folders the planner must split, by absolute path; `undefined`: could not be listed. */
export type FolderListings = ReadonlyMap<string, readonly FolderEntry[] | undefined>;

export interface PlannedMount {
  root: string;
  /** Root-relative POSIX path; '' for the root itself. */
  rel: string;
  /** Absolute host path. */
  path: string;
  kind: 'dir' | 'file';
  mode: MountMode;
}

export interface PlannedExclusion {
  root: string;
  rel: string;
  path: string;
  /** What was left out: a folder leaves out everything under it. */
  kind: EntryKind;
  cause: ExclusionCause;
  reason: string;
}

/** A path hidden inside a mount: an empty in-memory folder over a folder, an empty device over a file. */
export interface PlannedMask {
  root: string;
  rel: string;
  path: string;
  /** `file` also covers FIFOs, sockets and devices: each is hidden under an empty file. */
  kind: 'dir' | 'file';
}

/**
 * A least-privilege mount plan. Split (no `masks`): mounts never overlap, and nothing flagged is
 * under any of them. Collapsed (`collapsePlan`): a root is mounted whole, a --rw path may be
 * mounted again inside it, and every flagged path under them is in `masks`, which a target
 * applies after the mounts; only targets whose spec says `canMask` may be given one.
 */
export interface Plan {
  roots: string[];
  mounts: PlannedMount[];
  excluded: PlannedExclusion[];
  masks?: PlannedMask[];
}

export type { Flag };

/** The plan as the JSON contract shows it (`plan` in `airlock scan --format json`). */
export function toMountPlan(plan: Plan): MountPlan {
  const oversize = oversizeOf(plan);
  return {
    mounts: plan.mounts.map(({ path, mode }) => ({ path, mode })),
    excluded: plan.excluded.map(({ path, reason }) => ({ path, reason })),
    ...(oversize ? { oversize } : {}),
  };
}
