import { defineConfig } from 'vitest/config';
import { MMAP_THRESHOLD } from './src/cli/allocator.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // A cache folder of the run's own, never the developer's ~/.cache/airlock.
    globalSetup: ['test/helpers/isolated-cache.ts'],
    // The allocator setting a scan would restart itself to get (src/cli/allocator.ts), given from
    // the start: each CLI the tests run starts once, not twice (the same setting, ~0.1 s less a
    // run). test/cli/allocator.test.ts unsets it to see the restart.
    env: { MALLOC_MMAP_THRESHOLD_: MMAP_THRESHOLD },
    // Two test files at a time, also on 2 cores (vitest's default there is one): most tests wait
    // on a CLI child, git or the disk, and the suite took 960 s one file at a time.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
