import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ok, type Outcome } from '../model/outcome.js';
import { VERSION } from '../model/version.js';
import { displayPath, listRuleFiles, loadRules } from '../rules/load.js';
import type { RuleDefinition, RuleExample } from '../rules/syntax.js';
import { noteCacheRead, writeCacheFile, type CacheFolder } from './cache-dir.js';

/** Bump when what the cache file holds changes meaning. 2: rule files named by absolute path. 4: examples shifted into the private use area. */
const FORMAT = 4;

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
 * every rule. Each character is stored shifted into Unicode's private use area: nothing in the
 * file then holds the ASCII a rule looks for, it parses as one string per example (arrays of
 * character codes doubled the file and the young generation a git hook starts with), and it
 * comes back exactly. A rule whose examples already hold private-use characters is not cached.
 */
const SHIFT = 0xe000;
const SHIFTED_END = SHIFT + 0x1900;
const isShifted = (code: number) => code >= SHIFT && code < SHIFTED_END;
const shift = (text: string) => text.replace(/[\u0000-\u18ff]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + SHIFT));
/** Back from the private use area: a loop over UTF-16 code units (a regex replace with a callback per character took a third of a git hook's start). */
function unshift(text: string): string {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    units[i] = isShifted(code) ? code - SHIFT : code;
  }
  return Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le');
}
const mapExample = (e: RuleExample, map: (text: string) => string): RuleExample =>
  typeof e === 'string' ? map(e) : { ...(e.path === undefined ? {} : { path: e.path }), ...(e.content === undefined ? {} : { content: map(e.content) }) };
const mapExamples = (d: RuleDefinition, map: (text: string) => string): RuleDefinition => ({
  ...d,
  examples: d.examples.map((e) => mapExample(e, map)),
  negative_examples: d.negative_examples.map((e) => mapExample(e, map)),
});
const exampleTexts = (d: RuleDefinition) => [...d.examples, ...d.negative_examples].map((e) => (typeof e === 'string' ? e : (e.content ?? '')));
const isStorable = (d: RuleDefinition) => exampleTexts(d).every((text) => ![...text].some((ch) => isShifted(ch.charCodeAt(0))));

function readCached(file: string, names: RuleFileNames, cache: CacheFolder): RuleDefinition[] | undefined {
  let stored: RuleDefinition[];
  try {
    stored = (JSON.parse(readFileSync(file, 'utf8')) as RuleDefinition[]).map((d) => mapExamples(d, unshift));
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
  if (loaded.ok && loaded.value.every(isStorable)) writeCacheFile(cache, file, JSON.stringify(loaded.value.map((d) => mapExamples({ ...d, file: resolve(d.file) }, shift))));
  return loaded;
}
