import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ok, type Outcome } from '../model/outcome.js';
import { VERSION } from '../model/version.js';
import { displayPath, listRuleFiles, loadRules } from '../rules/load.js';
import type { RuleDefinition, RuleExample } from '../rules/syntax.js';
import { noteCacheRead, writeCacheFile, type CacheFolder } from './cache-dir.js';

/** Bump when what the cache file holds changes meaning. 2: rule files named by absolute path. 3: examples stored as character codes. */
const FORMAT = 3;

/** A rule file by its absolute path, and by the name the loader gives it (relative to the working folder). */
type RuleFileNames = Map<string, string>;

function listAllRuleFiles(dirs: string[]): RuleFileNames | undefined {
  const names: RuleFileNames = new Map();
  for (const dir of dirs) {
    const files = listRuleFiles(dir);
    if (!files.ok) return undefined; // let the real load report it
    for (const file of files.value) names.set(resolve(file), displayPath(file));
  }
  return names;
}

/**
 * Identity of the rule files as they are now: absolute names, sizes and mtimes, and airlock's
 * version. Not the working folder: one cache file serves every folder a git hook runs in.
 */
function rulesKey(files: RuleFileNames): string | undefined {
  const hash = createHash('sha256').update(`${VERSION}\0${FORMAT}`);
  for (const file of files.keys()) {
    const stats = statSync(file, { throwIfNoEntry: false });
    if (!stats) return undefined; // gone since listed: let the real load report it
    hash.update(`\0${file}\0${stats.size}\0${stats.mtimeMs}`);
  }
  return hash.digest('hex').slice(0, 32);
}

/** Definitions as a fresh load in this working folder would name their files; undefined if one is unknown. */
function renameFiles(stored: RuleDefinition[], files: RuleFileNames): RuleDefinition[] | undefined {
  const renamed: RuleDefinition[] = [];
  for (const definition of stored) {
    const shown = files.get(definition.file);
    if (shown === undefined) return undefined;
    renamed.push({ ...definition, file: shown });
  }
  return renamed;
}

/**
 * Rule examples are fake secrets of the right shape: written as they are, the cache file would
 * be a finding in every scan of a home folder, and no reordering of their characters escapes
 * every rule (a reversed 40-character key is still 40 letters and digits after a provider's
 * name). Stored as arrays of character codes, nothing in the file looks like a secret, and
 * they come back exactly.
 */
type StoredExample = number[] | { path?: string; content?: number[] };
type StoredDefinition = Omit<RuleDefinition, 'examples' | 'negative_examples'> & { examples: StoredExample[]; negative_examples: StoredExample[] };

const toCodes = (text: string) => Array.from(text, (ch) => ch.codePointAt(0)!);
const fromCodes = (codes: number[]) => String.fromCodePoint(...codes);
const storeExample = (e: RuleExample): StoredExample =>
  typeof e === 'string' ? toCodes(e) : { ...(e.path === undefined ? {} : { path: e.path }), ...(e.content === undefined ? {} : { content: toCodes(e.content) }) };
const loadExample = (e: StoredExample): RuleExample =>
  Array.isArray(e) ? fromCodes(e) : { ...(e.path === undefined ? {} : { path: e.path }), ...(e.content === undefined ? {} : { content: fromCodes(e.content) }) };
const store = (d: RuleDefinition): StoredDefinition => ({ ...d, examples: d.examples.map(storeExample), negative_examples: d.negative_examples.map(storeExample) });
const load = (d: StoredDefinition): RuleDefinition => ({ ...d, examples: d.examples.map(loadExample), negative_examples: d.negative_examples.map(loadExample) });

function readCached(file: string, names: RuleFileNames, cache: CacheFolder): RuleDefinition[] | undefined {
  let stored: RuleDefinition[];
  try {
    stored = (JSON.parse(readFileSync(file, 'utf8')) as StoredDefinition[]).map(load);
  } catch {
    return undefined; // no cache yet, or unreadable: load for real
  }
  const definitions = renameFiles(stored, names);
  if (definitions) noteCacheRead(cache, file);
  return definitions;
}


/**
 * Rule definitions, validated: from the cache when the rule files have not changed since, so a
 * git hook does not parse YAML or load the schema on every commit.
 */
export async function loadRuleDefinitions(dirs: string[], cache: CacheFolder | undefined): Promise<Outcome<RuleDefinition[]>> {
  const names = cache && listAllRuleFiles(dirs);
  const key = names && rulesKey(names);
  if (!cache || !names || !key) return loadRules(dirs);
  const file = join(cache.dir, `rules-${key}.json`);
  const cached = readCached(file, names, cache);
  if (cached) return ok(cached);
  const loaded = await loadRules(dirs);
  if (loaded.ok) writeCacheFile(cache, file, JSON.stringify(loaded.value.map((d) => store({ ...d, file: resolve(d.file) }))));
  return loaded;
}
