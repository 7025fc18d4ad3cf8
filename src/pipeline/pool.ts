import { Worker } from 'node:worker_threads';
import type { EngineSetup } from './engine-setup.js';
import type { FileReport, FileTask, TaskOptions } from './scan-file-task.js';

/** Batches waiting per worker beyond the one it is working on: bounds memory, keeps cores busy. */
const QUEUE_DEPTH = 2;

export interface Pool {
  /** Resolves once the batch is queued; waits while the queue is full. */
  submit(batch: FileTask[]): Promise<void>;
  /** Resolves when every submitted batch is done, then stops the workers. */
  close(): Promise<void>;
}

/** Worker threads fed batches of paths; each report goes to `onReports` as it arrives. */
export function createPool(size: number, setup: EngineSetup, options: TaskOptions, onReports: (reports: FileReport[]) => void): Pool {
  const workerUrl = new URL('./worker.js', import.meta.url);
  const queue: FileTask[][] = [];
  const idle: Worker[] = [];
  let inFlight = 0;
  let failure: Error | undefined;
  let wakeSubmitter: (() => void) | undefined;
  let wakeCloser: (() => void) | undefined;

  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      worker.postMessage(queue.shift()!);
    }
  };
  const settle = () => {
    wakeSubmitter?.();
    if (inFlight === 0) wakeCloser?.();
  };
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(workerUrl, { resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 }, workerData: { setup, options } });
    worker.on('message', (reports: FileReport[]) => {
      inFlight--;
      onReports(reports);
      idle.push(worker);
      dispatch();
      settle();
    });
    worker.on('error', (error) => {
      failure ??= error instanceof Error ? error : new Error(String(error));
      inFlight = 0;
      settle();
    });
    idle.push(worker);
    return worker;
  });

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
      await Promise.all(workers.map((w) => w.terminate()));
      if (failure) throw failure;
    },
  };
}
