import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * How airlock keeps V8's heaps small. Node starts with no flags of ours (a git hook must start
 * fast, and `node dist/bin.js` ignores a shebang's), so these flags are set while running; V8
 * reads the ones used here each time it decides to grow a heap.
 */

let isSmallHeap = false;

/**
 * Smaller heaps over peak speed, once a scan is big enough for worker threads: each file's
 * text is garbage once scanned, yet V8 would let every isolate's heap grow to hundreds of MB.
 * Old-generation growth is capped at 20% over what the last full collection kept; the workers
 * created afterwards take it too. Not set for the main thread from the start: there a small
 * heap slowed a warm-cache rescan by a third (more collections), and a git hook's small scan
 * never needs it. Measured on the bench (2 cores), against `--optimize-for-size`, which this
 * replaces: the full tier cold 11.4–11.9 s against 13.3–13.5 s (CPU 19–20 s against 25 s),
 * peak 278–312 MiB against 258–263; the whole-disk tier (500,124 files) 56–59 s against 64 s,
 * peak 352–366 MiB against 324–337; Rails 48 s against 50 s, 266 against 252 MiB: every peak
 * still under issue 18's 400 MiB. Without either, the full tier peaked at 410–471 MiB.
 */
export function preferSmallHeaps(): void {
  if (isSmallHeap) return;
  setFlagsFromString('--heap-growing-percent=20');
  isSmallHeap = true;
}

/** The most the main thread's young generation may grow to. */
export const YOUNG_GENERATION_CAP = 16 * 2 ** 20;
const CHECK_EVERY_MS = 25;

const youngGenerationSize = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;

/**
 * Keeps the young generation within YOUNG_GENERATION_CAP. Without pointer compression (Node's
 * build) V8 lets it grow to 128 MB whenever much survives a collection: loading the rules from
 * YAML took it to 32 MB, and the files of a warm rescan, while their cache entries are looked
 * at, to 128 MB, a third of that rescan's memory. Capped, a warm rescan is as fast and a cold
 * scan about 4% slower, for 40–100 MiB less at the peak. V8 doubles the young generation at
 * each step, and a check may come one step late (the thread was busy), so growth stops as
 * soon as it reaches half the cap. The cap is 16 MB since the rules grew to 1,250: parsing
 * their cached definitions (4 MB of JSON, one synchronous step before any timer can fire) takes
 * a young generation of 1 MB at start-up to 16 MB, and the scan then stays there.
 * Returns a function that stops watching.
 */
export function capYoungGeneration(): () => void {
  const capWhenGrown = () => {
    if (youngGenerationSize() < YOUNG_GENERATION_CAP / 2) return false;
    setFlagsFromString('--semi-space-growth-factor=1');
    return true;
  };
  if (capWhenGrown()) return () => {};
  const timer = setInterval(() => capWhenGrown() && clearInterval(timer), CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
