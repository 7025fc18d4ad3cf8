import type { RuleSet } from '../engine/rule-set.js';
import type { EngineSetup } from './engine-setup.js';
import { createPool, type Pool } from './pool.js';
import { scanFileTask, type FileReport, type FileTask, type TaskOptions } from './scan-file-task.js';

const BATCH_SIZE = 64;
/** Below this many tasks, starting workers costs more than it saves. */
const IN_PROCESS_LIMIT = 256;

export interface TaskRunner {
  /** Queues a task; waits while the workers' queue is full. */
  add(task: FileTask): Promise<void>;
  /** Scans what is still queued and waits for every report. */
  finish(): Promise<void>;
}

/**
 * Scans tasks on the main thread until there are enough of them to pay for worker threads,
 * then hands batches to a pool. Reports go to `onReport` as they arrive.
 */
export function createTaskRunner(
  ruleSet: RuleSet,
  setup: EngineSetup,
  options: TaskOptions & { jobs: number },
  onReport: (report: FileReport) => void,
): TaskRunner {
  let pool: Pool | undefined;
  let pending: FileTask[] = [];
  let total = 0;
  const flush = async () => {
    const batch = pending;
    pending = [];
    if (pool) await pool.submit(batch);
    else for (const task of batch) onReport(await scanFileTask(ruleSet, task, options));
  };
  return {
    async add(task) {
      pending.push(task);
      total++;
      if (!pool && options.jobs > 1 && total >= IN_PROCESS_LIMIT) {
        pool = createPool(options.jobs, setup, options, (reports) => {
          for (const report of reports) onReport(report);
        });
      }
      if (pool && pending.length >= BATCH_SIZE) await flush();
    },
    async finish() {
      await flush();
      await pool?.close();
      pool = undefined;
    },
  };
}
