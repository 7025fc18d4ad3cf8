import type { Verdict } from '../model/result.js';
import { UsageError } from './usage-error.js';

/**
 * What makes `airlock scan` exit 1, from the least strict. `block`: a NO-GO verdict only.
 * `incomplete` (the default): NO-GO, or anything left unread (size, time, errors,
 * permissions, archive limits) — what was not read may hold anything, so
 * `airlock scan dir && docker run …` must not go ahead. `review`: NO-GO, INCOMPLETE or REVIEW.
 * `never`: always 0. Values combine with commas; every value but `never` includes `block`.
 */
export const FAIL_ON = ['block', 'review', 'incomplete', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

const isFailOn = (value: string): value is FailOn => (FAIL_ON as readonly string[]).includes(value);

export function parseFailOn(text: string | undefined): ReadonlySet<FailOn> {
  if (text === undefined) return new Set(['incomplete']);
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
  const isStrict = failOn.has('review');
  if (!result.isComplete && (isStrict || failOn.has('incomplete'))) return true;
  return result.verdict === 'review' && isStrict;
}
