import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { REPO_DIR, runCli, scanJson } from '../helpers/cli.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

/** A home whose cache folder (`~/.cache/airlock`) was filled by one earlier scan. */
function homeWithWarmCache(): { home: string; cache: string } {
  const home = useTempDir('airlock-home-');
  const cache = join(home, '.cache', 'airlock');
  writeTree(home, { 'code/app/readme.txt': 'nothing here\n' });
  const first = runCli(['scan', join(home, 'code')], { env: { AIRLOCK_CACHE_DIR: cache } });
  expect(first.status).toBe(0);
  return { home, cache };
}

describe("airlock's own cache in a scanned home", () => {
  it('holds no shipped rule example in clear text', async () => {
    const { cache } = homeWithWarmCache();
    const rulesFile = readdirSync(cache).find((name) => /^rules-[0-9a-f]{32}\.json$/.test(name));
    expect(rulesFile).toBeDefined();
    const text = readFileSync(join(cache, rulesFile!), 'utf8');
    const rules = await loadRules([join(REPO_DIR, 'rules')]);
    if (!rules.ok) throw new Error('shipped rules did not load');
    const examples = rules.value.filter((r) => r.content).flatMap((r) => r.examples).flatMap((e) => (typeof e === 'string' ? [e] : e.content ? [e.content] : []));
    expect(examples.length).toBeGreaterThan(500);
    const inClear = examples.filter((example) => example.length >= 12 && text.includes(JSON.stringify(example).slice(1, -1)));
    expect(inClear).toEqual([]);
  });

  it('is left out of a scan of the home, with a note, and the scan of the home is GO', () => {
    const { home, cache } = homeWithWarmCache();
    const { status, report } = scanJson([home], { env: { AIRLOCK_CACHE_DIR: cache } });
    expect(report.findings.filter((f) => f.path.startsWith('.cache/'))).toEqual([]);
    expect(status).toBe(0);
    const text = runCli(['scan', home], { env: { AIRLOCK_CACHE_DIR: cache } }).stdout.replace(/\s+/g, ' ');
    expect(text).toContain(`Excluded 1 entry by airlock's own cache (${cache})`);
  });

  it('is read like any folder when it is the folder scanned', () => {
    const { cache } = homeWithWarmCache();
    const { report } = scanJson([cache], { env: { AIRLOCK_CACHE_DIR: cache } });
    expect(report.stats.files).toBeGreaterThan(0);
  });
});
