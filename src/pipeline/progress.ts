import type { SkipReason } from '../model/finding.js';

/**
 * What a worker publishes in shared memory for the watchdog on the main thread: the index in
 * its batch of the file it is scanning, and how many files it has started in all. Plain
 * integers, written with Atomics, so the main thread can read them while the worker is stuck
 * inside a regex.
 */
export const PROGRESS_SLOTS = 2;

/** Marks file `index` of the current batch as started. */
export function markStarted(progress: Int32Array, index: number): void {
  Atomics.store(progress, 0, index);
  Atomics.add(progress, 1, 1);
}

/** Why the pool gave up on a file. */
export interface Unfinished {
  reason: Extract<SkipReason, 'timeout' | 'match-error'>;
  detail: string;
}
