import { SKIP_REASONS, type Finding, type Skipped } from '../model/finding.js';
import type { Verdict } from '../model/result.js';

/**
 * NO-GO on any blocking finding; otherwise INCOMPLETE when anything was left unread (a verdict
 * is a promise about everything the mount exposes); REVIEW on any review finding; GO otherwise.
 */
export function decideVerdict(findings: readonly Pick<Finding, 'severity'>[], isComplete = true): Verdict {
  if (findings.some((f) => f.severity === 'block')) return 'no-go';
  if (!isComplete) return 'incomplete';
  if (findings.some((f) => f.severity === 'review')) return 'review';
  return 'go';
}

/** A scan is complete when nothing was left unread for size, time, errors or permissions. */
export function isScanComplete(skipped: readonly Skipped[]): boolean {
  return skipped.every((s) => !SKIP_REASONS[s.reason].isIncomplete);
}
