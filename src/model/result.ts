import type { Exclusion, Finding, Skipped, Suppressed } from './finding.js';

export const VERDICTS = ['go', 'review', 'no-go'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface ScanStats {
  files: number;
  bytes: number;
  durationMs: number;
}

export interface MountPlan {
  mounts: { path: string; mode: 'ro' | 'rw' }[];
  excluded: { path: string; reason: string }[];
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
  stats: ScanStats;
}
