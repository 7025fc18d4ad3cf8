import type { Verdict } from '../model/result.js';
import { UsageError } from './usage-error.js';

/**
 * What makes `airlock scan` exit 1. `block` (the default): a NO-GO verdict. `review`: NO-GO
 * or REVIEW. `incomplete`: NO-GO, or anything left unread (size, time, errors, permissions),
 * whatever the verdict. `never`: always 0. Values combine with commas (`review,incomplete`);
 * every value but `never` includes `block`.
 */
export const FAIL_ON = ['block', 'review', 'incomplete', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

const isFailOn = (value: string): value is FailOn => (FAIL_ON as readonly string[]).includes(value);

export function parseFailOn(text: string | undefined): ReadonlySet<FailOn> {
  if (text === undefined) return new Set(['block']);
  const values = text.split(',').map((v) => v.trim());
  const unknown = values.find((v) => !isFailOn(v));
  if (unknown !== undefined) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')} (or a comma-separated list), not "${unknown}"`);
  if (values.length > 1 && values.includes('never')) throw new UsageError('--fail-on never cannot be combined with other values');
  return new Set(values as FailOn[]);
}

/** Whether the scan's outcome should make the command exit 1. */
export function shouldFail(result: { verdict: Verdict; isComplete: boolean }, failOn: ReadonlySet<FailOn>): boolean {
  if (failOn.has('never')) return false;
  if (result.verdict === 'no-go') return true;
  if (result.verdict === 'review' && failOn.has('review')) return true;
  return !result.isComplete && failOn.has('incomplete');
}
