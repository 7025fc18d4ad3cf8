// Loaded with `node --import`: prints the largest size the main thread's young generation
// (V8's new space) reached, sampled every 2 ms and on exit.
import { getHeapSpaceStatistics } from 'node:v8';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  let largest = 0;
  const look = () => {
    const size = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
    largest = Math.max(largest, size);
  };
  setInterval(look, 2).unref();
  process.on('exit', () => {
    look();
    process.stderr.write(`airlock-test: young-generation-bytes ${largest}\n`);
  });
}
