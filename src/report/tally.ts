import { SKIP_REASONS } from '../model/finding.js';
import type { ScanResult } from '../model/result.js';

/** How many things were left unread in a way that makes the scan incomplete. */
export const incompleteCount = (result: Pick<ScanResult, 'skipped'>): number => result.skipped.filter((s) => SKIP_REASONS[s.reason].isIncomplete).length;

/** Suppressed findings counted by where the suppression came from, in first-seen order. */
export function suppressionsBySource(result: Pick<ScanResult, 'suppressed'>): [by: string, count: number][] {
  const counts = new Map<string, number>();
  for (const s of result.suppressed) counts.set(s.by, (counts.get(s.by) ?? 0) + 1);
  return [...counts];
}
