import type { RuleSet } from '../engine/rule-set.js';
import type { EngineSetup } from './engine-setup.js';
import { closeBlobSources } from './blob-reads.js';
import type { Pool } from './pool.js';
import { scanFileTask, type FileReport, type FileTask, type TaskOptions } from './scan-file-task.js';

/** Tasks scanned on the main thread at a time (with one job, queued blobs must not pile up). */
const BATCH_SIZE = 64;
/**
 * Tasks sent to a worker at a time. Each batch costs a round trip through the main thread,
 * which shares the cores with the workers: with 64 files (about 6 ms of work) the workers
 * waited for their next batch a tenth of the time; with 256, the bench tree's cold scan took
 * 9.4 s instead of 9.9 (1,024 gained nothing more).
 */
const POOL_BATCH_SIZE = 256;
/** Below this many tasks, starting workers costs more than it saves. */
const IN_PROCESS_LIMIT = 256;
/**
 * The largest file the main thread scans itself. The main thread cannot be stopped in the
 * middle of a match, so it only takes files too small to run past the time budget. Every
 * shipped rule passes `airlock rules test` (1 MB of adversarial input in under a second of
 * CPU), but secretlint's core drops duplicate hits in quadratic time: a file packed with
 * token-shaped strings took 0.6 s at 32 KiB, 3.5 s at 64 KiB and 21 s at 128 KiB. Larger files
 * go to a worker under the watchdog, even when the rest of the scan runs on this thread.
 */
export const IN_PROCESS_MAX_BYTES = 32 * 1024;

/** The default per-file time budget (--file-timeout). */
export const DEFAULT_FILE_TIMEOUT_MS = 10_000;

export interface RunnerOptions extends TaskOptions {
  jobs: number;
  /** Per-file time budget, enforced on files scanned in worker threads. */
  fileTimeoutMs: number;
  /** False when a rule failed the regex safety check: then no file is matched on the main thread. */
  isMainThreadSafe?: boolean;
}

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
export function createTaskRunner(ruleSet: RuleSet, setup: EngineSetup, options: RunnerOptions, onReport: (report: FileReport) => void): TaskRunner {
  const poolOptions = { maxFileSize: options.maxFileSize, showSecrets: options.showSecrets, fileTimeoutMs: options.fileTimeoutMs };
  const onReports = (reports: FileReport[]) => {
    for (const report of reports) onReport(report);
  };
  // The worker pool's modules are loaded when a pool is first needed: a git hook's commit of
  // small files never needs one (worker_threads, v8 and four modules of ours: 3 ms of its start).
  const startPool = async (size: number) => {
    const [{ createPool }, { unfinishedReport }] = await Promise.all([import('./pool.js'), import('./unfinished-report.js')]);
    return createPool(size, setup, poolOptions, onReports, (task, unfinished) => unfinishedReport(ruleSet, task, unfinished));
  };
  let pool: Promise<Pool> | undefined;
  /** One worker for the large files of a scan that otherwise runs on the main thread. */
  let guard: Promise<Pool> | undefined;
  let pending: FileTask[] = [];
  let total = 0;
  // The main thread reads with its own, lower limit: a file over it costs one more open, and
  // a small one no extra system call at all.
  // Archives and databases, however small, expand: they go to the guard worker too.
  const hereOptions = { ...options, maxFileSize: Math.min(options.maxFileSize, IN_PROCESS_MAX_BYTES), deferContainers: true };
  const isSplitLimit = options.maxFileSize > IN_PROCESS_MAX_BYTES;
  const scanHere = async (task: FileTask) => {
    if (options.isMainThreadSafe !== false && (task.bytes?.length ?? 0) <= IN_PROCESS_MAX_BYTES) {
      const report = await scanFileTask(ruleSet, task, hereOptions);
      if (report.deferred) {
        guard ??= startPool(1);
        return (await guard).submit([task]);
      }
      if (report.skip?.reason !== 'too-large' || task.bytes || !isSplitLimit) return onReport(report);
      // Too large for the main thread; if too large for the scan as well, say so with its limit.
      if ((report.identity?.[2] ?? 0) > options.maxFileSize) return onReport(await scanFileTask(ruleSet, task, options));
    }
    guard ??= startPool(1);
    await (await guard).submit([task]);
  };
  const flush = async () => {
    const batch = pending;
    pending = [];
    if (pool) await (await pool).submit(batch);
    else for (const task of batch) await scanHere(task);
  };
  return {
    async add(task) {
      pending.push(task);
      total++;
      if (!pool && options.jobs > 1 && total >= IN_PROCESS_LIMIT) pool = startPool(options.jobs);
      // With one job no pool ever comes: scan as we go, so queued blobs do not pile up in memory.
      if (pool ? pending.length >= POOL_BATCH_SIZE : options.jobs === 1 && pending.length >= BATCH_SIZE) await flush();
    },
    async finish() {
      await flush();
      await (await pool)?.close();
      await (await guard)?.close();
      closeBlobSources();
      pool = undefined;
      guard = undefined;
    },
  };
}
