import type { MountMode, MountPlan } from '../model/result.js';
import type { ExclusionCause, Flag } from './causes.js';

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

/** A least-privilege mount plan: mounts never overlap, and nothing flagged is under any of them. */
export interface Plan {
  roots: string[];
  mounts: PlannedMount[];
  excluded: PlannedExclusion[];
}

export type { Flag };

/** The plan as the JSON contract shows it (`plan` in `airlock scan --format json`). */
export function toMountPlan(plan: Plan): MountPlan {
  return {
    mounts: plan.mounts.map(({ path, mode }) => ({ path, mode })),
    excluded: plan.excluded.map(({ path, reason }) => ({ path, reason })),
  };
}
