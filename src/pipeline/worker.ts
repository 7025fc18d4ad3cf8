import { parentPort, workerData } from 'node:worker_threads';
import { buildRuleSet, type EngineSetup } from './engine-setup.js';
import { fillBlobs, readAheadEnd } from './blob-reads.js';
import { markStarted } from './progress.js';
import { scanFileTask, type FileResult, type FileTask, type TaskOptions } from './scan-file-task.js';

/**
 * A worker thread: rebuilds the rules once, then scans batches of files as they arrive,
 * publishing which file it is on so the main thread can stop it if one takes too long.
 */
const { setup, options, progress } = workerData as { setup: EngineSetup; options: TaskOptions; progress: Int32Array };
const ruleSet = buildRuleSet(setup);

parentPort!.on('message', async (batch: FileTask[]) => {
  // Results only, in the batch's order: the main thread still holds the tasks, and copying
  // their paths back for every file was a good part of its work.
  const results: FileResult[] = [];
  let readUpTo = 0;
  for (const [index, task] of batch.entries()) {
    // History blobs a few at a time, in one request to git each (a blob git lacks is told by
    // its task); each one's bytes let go once scanned, not held until the batch ends.
    if (index === readUpTo) {
      readUpTo = readAheadEnd(batch, index);
      await fillBlobs(batch.slice(index, readUpTo)).catch(() => undefined);
    }
    markStarted(progress, index);
    const { task: _task, ...result } = await scanFileTask(ruleSet, task, options);
    task.bytes = undefined;
    results.push(result);
  }
  parentPort!.postMessage(results);
});
