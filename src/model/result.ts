import type { ContentTally } from './contents.js';
import type { Advice } from './advice.js';
import type { PlanChoice } from './decisions.js';
import type { Exclusion, Finding, Skipped, Suppressed } from './finding.js';

/**
 * Worst last. INCOMPLETE: nothing blocking was found, but something was left unread (too
 * large, unreadable, too slow, an archive past its limits), and what was not read may hold
 * anything, so the scan cannot say GO.
 */
export const VERDICTS = ['go', 'review', 'incomplete', 'no-go'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface ScanStats {
  files: number;
  bytes: number;
  durationMs: number;
  /** What was read inside files: archives, their entries, databases, binaries; media not read. */
  inside?: ContentTally;
  /** Git history, when some was read: the blobs accounted for, those read from git, those whose results were reused. */
  history?: HistoryStats;
}

export interface HistoryStats {
  blobs: number;
  read: number;
  reused: number;
}

export const MOUNT_MODES = ['ro', 'rw'] as const;
export type MountMode = (typeof MOUNT_MODES)[number];

/** The mount plan as the JSON contract shows it: absolute host paths. */
export interface MountPlan {
  mounts: { path: string; mode: MountMode }[];
  excluded: { path: string; reason: string }[];
  /** Present only when the plan has more mounts than a person can check (an additive field). */
  oversize?: PlanOversize;
}

/** A plan past the readable size: what collapsing it gives, and the `airlock stage` commands to run instead. */
export interface PlanOversize {
  limit: number;
  mounts: number;
  collapsed: { mounts: number; masks: number; targets: string[] };
  stage: string[];
}

/** A git directory found under a root, and what the scan of its history found. */
export interface GitDirectoryReport {
  root: string;
  /** Root-relative POSIX path of the git directory; '' when the root is one. */
  path: string;
  /** `incomplete`: some objects were skipped; `not-scanned`: --no-history, or git missing. */
  history: 'scanned' | 'incomplete' | 'not-scanned';
  /** The findings from its history (also in `ScanResult.findings`). */
  findings: Finding[];
  /** The objects of its history left unread (also in `ScanResult.skipped`); their paths are history paths, not files. */
  skipped: Skipped[];
  /**
   * Root-relative paths of unmodified tracked files that have findings: their history copies
   * were not rescanned, but the object database holds them, so the .git exposes them too.
   */
  tracked: string[];
}

/** A path an exclusion (--exclude, .airlockignore) kept out of the scan, at the level it was cut. */
export interface ExcludedPath {
  root: string;
  path: string;
  by: string;
}

/** Everything a scan learned; formats render it, nothing else changes it. */
export interface ScanResult {
  verdict: Verdict;
  isComplete: boolean;
  roots: string[];
  findings: Finding[];
  suppressed: Suppressed[];
  skipped: Skipped[];
  excluded: Exclusion[];
  /** Things the user should know that are not findings (e.g. git missing). */
  notices: string[];
  plan?: MountPlan;
  /** For the mount plan, not in the JSON contract: git directories found, and paths never scanned. */
  gitDirectories?: GitDirectoryReport[];
  excludedPaths?: ExcludedPath[];
  /** For the mount plan, not in the JSON contract: the user's choices for files under the roots (model/decisions.ts). */
  planChoices?: PlanChoice[];
  /** Set-up advice (model/advice.ts): never part of the verdict; in JSON as `advice` when there is any. */
  advice?: Advice[];
  /** Set by `airlock audit` only: what the catalog of credential locations checked. */
  audit?: AuditSummary;
  stats: ScanStats;
}

/** One location of the audit's catalog, and how many entries of it the home holds. */
export interface AuditLocationCheck {
  id: string;
  name: string;
  found: number;
}

/** What `airlock audit` adds to a scan of the home. */
export interface AuditSummary {
  home: string;
  checked: AuditLocationCheck[];
  /** Caches and package stores present in the home and not read (home-relative, with why). */
  notRead: { path: string; reason: string }[];
}
