import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { cacheDirectory } from '../../src/pipeline/cache-dir.js';

const VERDICTS = 'regex-safety.json';

/**
 * A cache folder for one test file, seeded with the regex safety verdicts of the shipped
 * rules and the test rules from the run's cache (`isolated-cache.ts` checks them there before
 * the tests start): airlock checks a rule's patterns once per version, and a fresh cache would
 * make every test that uses one pay seconds for it. Scans still scan: pass --no-cache for that.
 */
export function useSeededCache(): { readonly dir: string } {
  const cache = { dir: '' };
  beforeAll(() => {
    cache.dir = mkdtempSync(join(tmpdir(), 'airlock-cache-'));
    const shared = cacheDirectory();
    if (shared && existsSync(join(shared, VERDICTS))) copyFileSync(join(shared, VERDICTS), join(cache.dir, VERDICTS));
  });
  afterAll(() => rmSync(cache.dir, { recursive: true, force: true }));
  return cache;
}
