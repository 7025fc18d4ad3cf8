import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { cacheDirectory } from '../../src/pipeline/cache-dir.js';
import { runCli } from './cli.js';
import { writeTestRules } from './rules.js';

const VERDICTS = 'regex-safety.json';

/**
 * A cache folder for one test file, seeded with the regex safety verdicts of the shipped
 * rules and the test rules (from the user's cache, checked there once if they are not yet):
 * airlock checks a rule's patterns once per version, and a fresh cache would make every
 * test that uses one pay seconds for it. Scans still scan: pass --no-cache for that.
 */
export function useSeededCache(): { readonly dir: string } {
  const cache = { dir: '' };
  beforeAll(() => {
    cache.dir = mkdtempSync(join(tmpdir(), 'airlock-cache-'));
    const shared = cacheDirectory();
    if (!shared) return;
    if (!existsSync(join(shared, VERDICTS))) {
      const rules = writeTestRules(cache.dir);
      runCli(['rules', 'test', '--rules', rules], { env: { AIRLOCK_CACHE_DIR: shared }, timeoutMs: 120_000 });
      rmSync(rules, { recursive: true, force: true });
    }
    mkdirSync(cache.dir, { recursive: true });
    if (existsSync(join(shared, VERDICTS))) copyFileSync(join(shared, VERDICTS), join(cache.dir, VERDICTS));
  }, 150_000);
  afterAll(() => rmSync(cache.dir, { recursive: true, force: true }));
  return cache;
}
