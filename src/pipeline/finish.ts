import type { Exclusion, Skipped } from '../model/finding.js';
import type { ScanResult, ScanStats } from '../model/result.js';
import { decideVerdict, isScanComplete } from '../verdict/decide.js';
import { mergeDuplicates } from '../verdict/merge-duplicates.js';
import type { UserDecisions } from '../model/decisions.js';
import { applyDecisions } from '../verdict/apply-decisions.js';
import { applySuppressions, type Collected, type SuppressionPolicy } from '../verdict/suppress.js';
import { sortFindings, sortSkipped } from './findings.js';

export interface Gathered {
  roots: string[];
  collected: Collected[];
  skipped: Skipped[];
  excluded: Exclusion[];
  notices: string[];
  stats: ScanStats;
  started: number;
}

/**
 * Suppress, merge duplicates, decide, then apply the user's decisions (accepted findings by the
 * merged finding's fingerprint, plan choices): the same last steps for every kind of scan, and
 * the same `applyDecisions` the TUI runs after each key.
 */
export function finishScan(gathered: Gathered, policy: SuppressionPolicy, decisions?: UserDecisions): ScanResult {
  const { kept, suppressed, refused } = applySuppressions(gathered.collected, policy);
  const notices = [...gathered.notices];
  for (const [by, count] of refused) {
    notices.push(`--no-folder-config: ${count} finding${count === 1 ? '' : 's'} not suppressed by ${by}`);
  }
  const findings = sortFindings(mergeDuplicates(kept));
  const isComplete = isScanComplete(gathered.skipped);
  const result: ScanResult = {
    verdict: decideVerdict(findings, isComplete),
    isComplete,
    roots: gathered.roots,
    findings,
    suppressed,
    skipped: sortSkipped([...gathered.skipped]),
    excluded: gathered.excluded,
    notices,
    stats: { ...gathered.stats, durationMs: Math.round(performance.now() - gathered.started) },
  };
  return decisions ? applyDecisions(result, decisions) : result;
}
