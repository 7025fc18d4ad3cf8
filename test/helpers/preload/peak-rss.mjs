// Loaded with `node --import`: prints the process's peak resident set size (all threads) on
// exit, for the tests that bound airlock's memory on hostile trees.
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  process.on('exit', () => process.stderr.write(`airlock-test: peak-rss-kb ${process.resourceUsage().maxRSS}\n`));
}
