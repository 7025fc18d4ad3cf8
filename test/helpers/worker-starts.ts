import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Counts the worker threads a CLI starts from a script whose URL ends in `script` (say
 * `/worker.js`): a preload (`node --import`, given by `nodeArgs`) wraps the Worker class before
 * airlock imports it and notes each start in a file under `dir`. `take()` returns the starts
 * noted since the last call.
 */
export function countWorkerStarts(dir: string, script: string): { nodeArgs: string[]; take(): number } {
  const log = join(dir, 'worker-starts.log');
  const preload = join(dir, 'count-worker-starts.mjs');
  writeFileSync(log, '');
  writeFileSync(
    preload,
    `import { appendFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import threads from 'node:worker_threads';
const Base = threads.Worker;
threads.Worker = class extends Base {
  constructor(...args) {
    super(...args);
    if (String(args[0]).endsWith(${JSON.stringify(script)})) appendFileSync(${JSON.stringify(log)}, 'started\\n');
  }
};
syncBuiltinESMExports();
`,
  );
  return {
    nodeArgs: ['--import', pathToFileURL(preload).href],
    take() {
      const starts = readFileSync(log, 'utf8').split('\n').filter(Boolean).length;
      writeFileSync(log, '');
      return starts;
    },
  };
}
