import type { Exclusion, Skipped } from '../model/finding.js';
import type { ScanResult, ScanStats } from '../model/result.js';
import { decideVerdict, isScanComplete } from '../verdict/decide.js';
import { mergeDuplicates } from '../verdict/merge-duplicates.js';
import { applySuppressions, type Collected, type SuppressionPolicy } from '../verdict/suppress.js';
import { sortFindings } from './findings.js';

export interface Gathered {
  roots: string[];
  collected: Collected[];
  skipped: Skipped[];
  excluded: Exclusion[];
  notices: string[];
  stats: ScanStats;
  started: number;
}

/** Suppress, merge duplicates, decide: the same last steps for every kind of scan. */
export function finishScan(gathered: Gathered, policy: SuppressionPolicy): ScanResult {
  const { kept, suppressed, refused } = applySuppressions(gathered.collected, policy);
  const notices = [...gathered.notices];
  for (const [by, count] of refused) {
    notices.push(`--no-folder-config: ${count} finding${count === 1 ? '' : 's'} not suppressed by ${by}`);
  }
  const findings = sortFindings(mergeDuplicates(kept));
  const isComplete = isScanComplete(gathered.skipped);
  return {
    verdict: decideVerdict(findings, isComplete),
    isComplete,
    roots: gathered.roots,
    findings,
    suppressed,
    skipped: gathered.skipped,
    excluded: gathered.excluded,
    notices,
    stats: { ...gathered.stats, durationMs: Math.round(performance.now() - gathered.started) },
  };
}
