import { SKIP_REASONS, type Finding, type Skipped } from '../model/finding.js';
import type { Verdict } from '../model/result.js';

/** NO-GO on any blocking finding, REVIEW on any review finding, GO otherwise. */
export function decideVerdict(findings: readonly Pick<Finding, 'severity'>[]): Verdict {
  if (findings.some((f) => f.severity === 'block')) return 'no-go';
  if (findings.some((f) => f.severity === 'review')) return 'review';
  return 'go';
}

/** A scan is complete when nothing was left unread for size, time, errors or permissions. */
export function isScanComplete(skipped: readonly Skipped[]): boolean {
  return skipped.every((s) => !SKIP_REASONS[s.reason].isIncomplete);
}
