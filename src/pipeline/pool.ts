import { Worker } from 'node:worker_threads';
import type { EngineSetup } from './engine-setup.js';
import type { FileReport, FileResult, FileTask, TaskOptions } from './scan-file-task.js';
import { preferSmallHeaps } from './heap-limits.js';
import { PROGRESS_SLOTS, type Unfinished } from './progress.js';

/** Batches waiting per worker beyond the one it is working on: bounds memory, keeps cores busy. */
const QUEUE_DEPTH = 2;

export interface Pool {
  /** Resolves once the batch is queued; waits while the queue is full. */
  submit(batch: FileTask[]): Promise<void>;
  /** Resolves when every submitted batch is done, then stops the workers. */
  close(): Promise<void>;
}

export interface PoolOptions extends TaskOptions {
  /** A file whose scan runs longer than this is given up: its worker is replaced. */
  fileTimeoutMs: number;
}

/** Builds the report of a file the pool gave up on (timed out, or its worker died). */
export type ReportUnfinished = (task: FileTask, unfinished: Unfinished) => FileReport;

interface Slot {
  worker: Worker;
  /** [index in the batch of the file being scanned, files started since the worker began]. */
  progress: Int32Array;
  batch?: FileTask[];
  /** Files started, as last seen by the watchdog, and when that count last changed (unset until the batch begins). */
  seenStarts: number;
  seenAt?: number;
}

/**
 * Worker threads fed batches of paths; each report goes to `onReports` as it arrives.
 *
 * A regex cannot be interrupted from inside its own thread, so a watchdog on this thread
 * enforces the per-file time budget: each worker publishes, in shared memory, which file of
 * its batch it is on and how many files it has started. A worker whose count has not moved
 * for longer than the budget is terminated; its file is reported as skipped (`timeout`), a
 * fresh worker takes its place and the rest of its batch is queued again, first in line.
 * A worker that dies on a file (out of memory, a crash) is handled the same way.
 */
const withoutBytes = ({ bytes: _bytes, ...task }: FileTask): FileReport['task'] => task;

export function createPool(size: number, setup: EngineSetup, options: PoolOptions, onReports: (reports: FileReport[]) => void, reportUnfinished: ReportUnfinished): Pool {
  preferSmallHeaps();
  const workerUrl = new URL('./worker.js', import.meta.url);
  const { fileTimeoutMs, ...taskOptions } = options;
  const queue: FileTask[][] = [];
  const idle: Slot[] = [];
  let inFlight = 0;
  let failure: Error | undefined;
  let wakeSubmitter: (() => void) | undefined;
  let wakeCloser: (() => void) | undefined;

  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const slot = idle.pop()!;
      slot.batch = queue.shift()!;
      // The clock starts when the worker begins the batch, not while it is still starting up.
      slot.seenStarts = Atomics.load(slot.progress, 1);
      slot.seenAt = undefined;
      slot.worker.postMessage(slot.batch);
    }
  };
  const settle = () => {
    wakeSubmitter?.();
    if (inFlight === 0) wakeCloser?.();
  };

  /** Gives up the file `slot` is on, replaces the worker, and queues the rest of its batch. */
  const retire = (slot: Slot, unfinished: Unfinished) => {
    const batch = slot.batch!;
    const index = Math.min(Atomics.load(slot.progress, 0), batch.length - 1);
    slot.batch = undefined;
    // A thread blocked in a system call (a hung network mount) may not stop: never wait for it.
    slot.worker.unref();
    void slot.worker.terminate();
    onReports([reportUnfinished(batch[index]!, unfinished)]);
    // The worker reports a batch when it ends, so the files before the stuck one are scanned again.
    const rest = [...batch.slice(0, index), ...batch.slice(index + 1)];
    if (rest.length > 0) queue.unshift(rest);
    else inFlight--;
    start(slot);
    idle.push(slot);
    dispatch();
    settle();
  };

  const start = (slot: Slot) => {
    const progress = new Int32Array(new SharedArrayBuffer(PROGRESS_SLOTS * Int32Array.BYTES_PER_ELEMENT));
    const worker = new Worker(workerUrl, { workerData: { setup, options: taskOptions, progress } });
    slot.worker = worker;
    slot.progress = progress;
    const isCurrent = () => slot.worker === worker;
    worker.on('message', (results: FileResult[]) => {
      if (!isCurrent()) return;
      const batch = slot.batch!;
      slot.batch = undefined;
      inFlight--;
      // A worker sends one result per task, in the batch's order.
      onReports(results.map((result, i) => ({ task: withoutBytes(batch[i]!), ...result })));
      idle.push(slot);
      dispatch();
      settle();
    });
    worker.on('error', (error) => {
      if (!isCurrent()) return;
      const hasStarted = Atomics.load(progress, 1) > 0;
      if (slot.batch && hasStarted) {
        retire(slot, { reason: 'match-error', detail: `the worker scanning it stopped: ${(error as Error).message?.split('\n')[0] ?? String(error)}` });
        return;
      }
      // A worker that fails before its first file cannot be replaced by a better one: a bug.
      failure ??= error instanceof Error ? error : new Error(String(error));
      inFlight = 0;
      settle();
    });
    // An exit with a batch in hand and no error (the thread was killed) loses no file either.
    worker.on('exit', (code) => {
      if (isCurrent() && slot.batch && !failure) retire(slot, { reason: 'match-error', detail: `the worker scanning it exited (code ${code})` });
    });
  };

  const slots: Slot[] = Array.from({ length: size }, () => {
    const slot = { seenStarts: 0 } as Slot;
    start(slot);
    idle.push(slot);
    return slot;
  });

  const watchdog = setInterval(
    () => {
      const now = performance.now();
      for (const slot of slots) {
        if (!slot.batch) continue;
        const starts = Atomics.load(slot.progress, 1);
        if (starts !== slot.seenStarts) {
          slot.seenStarts = starts;
          slot.seenAt = now;
        } else if (slot.seenAt !== undefined && now - slot.seenAt > fileTimeoutMs) {
          retire(slot, { reason: 'timeout', detail: `not finished within the ${fileTimeoutMs / 1000} s per-file budget (--file-timeout): stopped` });
        }
      }
    },
    Math.max(10, Math.min(1000, fileTimeoutMs / 4)),
  );
  watchdog.unref();

  return {
    async submit(batch) {
      if (failure) throw failure;
      while (queue.length >= size * QUEUE_DEPTH) {
        await new Promise<void>((resolve) => (wakeSubmitter = resolve));
        if (failure) throw failure;
      }
      inFlight++;
      queue.push(batch);
      dispatch();
    },
    async close() {
      while (inFlight > 0 && !failure) await new Promise<void>((resolve) => (wakeCloser = resolve));
      clearInterval(watchdog);
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
      if (failure) throw failure;
    },
  };
}
