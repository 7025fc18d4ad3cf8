import { parentPort, workerData } from 'node:worker_threads';
import { buildRuleSet, type EngineSetup } from './engine-setup.js';
import { markStarted } from './progress.js';
import { scanFileTask, type FileReport, type FileTask, type TaskOptions } from './scan-file-task.js';

/**
 * A worker thread: rebuilds the rules once, then scans batches of files as they arrive,
 * publishing which file it is on so the main thread can stop it if one takes too long.
 */
const { setup, options, progress } = workerData as { setup: EngineSetup; options: TaskOptions; progress: Int32Array };
const ruleSet = buildRuleSet(setup);

parentPort!.on('message', async (batch: FileTask[]) => {
  const reports: FileReport[] = [];
  for (const [index, task] of batch.entries()) {
    markStarted(progress, index);
    reports.push(await scanFileTask(ruleSet, task, options));
  }
  parentPort!.postMessage(reports);
});
