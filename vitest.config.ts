import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // A cache folder of the run's own, never the developer's ~/.cache/airlock.
    globalSetup: ['test/helpers/isolated-cache.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
