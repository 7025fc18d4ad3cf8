import { parentPort, workerData } from 'node:worker_threads';
import { buildRuleSet, type EngineSetup } from './engine-setup.js';
import { scanFileTask, type FileReport, type FileTask, type TaskOptions } from './scan-file-task.js';

/** A worker thread: rebuilds the rules once, then scans batches of files as they arrive. */
const { setup, options } = workerData as { setup: EngineSetup; options: TaskOptions };
const ruleSet = buildRuleSet(setup);

parentPort!.on('message', async (batch: FileTask[]) => {
  const reports: FileReport[] = [];
  for (const task of batch) reports.push(await scanFileTask(ruleSet, task, options));
  parentPort!.postMessage(reports);
});
