import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ok, type Outcome } from '../model/outcome.js';
import { VERSION } from '../model/version.js';
import { listRuleFiles, loadRules } from '../rules/load.js';
import type { RuleDefinition } from '../rules/syntax.js';

/** Identity of the rule files as they are now: names, sizes and mtimes, and airlock's version. */
function rulesKey(dirs: string[]): string | undefined {
  // Definitions name their file relative to the working folder: a cache per folder keeps that right.
  const hash = createHash('sha256').update(VERSION).update(`\0${process.cwd()}`);
  for (const dir of dirs) {
    const files = listRuleFiles(dir);
    if (!files.ok) return undefined; // let the real load report it
    for (const file of files.value) {
      const stats = statSync(file);
      hash.update(`\0${file}\0${stats.size}\0${stats.mtimeMs}`);
    }
  }
  return hash.digest('hex').slice(0, 32);
}

/**
 * Rule definitions, validated: from the cache when the rule files have not changed since, so a
 * git hook does not parse YAML or load the schema on every commit.
 */
export async function loadRuleDefinitions(dirs: string[], cache: { dir?: string; isWritable: boolean }): Promise<Outcome<RuleDefinition[]>> {
  const key = cache.dir ? rulesKey(dirs) : undefined;
  const file = key && cache.dir ? join(cache.dir, `rules-${key}.json`) : undefined;
  if (file) {
    try {
      return ok(JSON.parse(readFileSync(file, 'utf8')) as RuleDefinition[]);
    } catch {
      // no cache yet, or unreadable: load for real below
    }
  }
  const loaded = await loadRules(dirs);
  if (loaded.ok && file && cache.isWritable) {
    try {
      mkdirSync(cache.dir!, { recursive: true, mode: 0o700 });
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, JSON.stringify(loaded.value), { mode: 0o600 });
      renameSync(partial, file);
    } catch {
      // a cache that cannot be written only costs speed
    }
  }
  return loaded;
}
