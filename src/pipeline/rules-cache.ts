import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ok, type Outcome } from '../model/outcome.js';
import { VERSION } from '../model/version.js';
import type { StartOffsetTable } from '../rules/compile.js';
import { BUILTIN_RULES_DIR, displayPath, listRuleFiles, loadRules } from '../rules/load.js';
import type { RuleDefinition, RuleExample } from '../rules/syntax.js';
import { writeCacheFile, type CacheFolder } from './cache-dir.js';
import { PREBUILT_DIR, readCacheOrPrebuilt } from './prebuilt.js';

/**
 * Bump when what the cache file holds changes meaning. 2: rule files named by absolute path. 4:
 * examples shifted into the private use area. 5: shipped rules stored without their examples,
 * beside the start offsets worked out from them. 6: ASCII only (see asAscii).
 */
const FORMAT = 6;

/** Rule definitions, and the start offsets of the shipped ones when they came from the cache. */
export interface LoadedRules {
  definitions: RuleDefinition[];
  startOffsets?: StartOffsetTable;
  /**
   * Loaded fresh: writes the cache file, once a thread of its own has worked out the start
   * offsets (0.6 s of CPU, 40–80 MB for the compiled patterns). Called when the scan's workers
   * are done, so that memory is never beside theirs; never called, the next run tries again.
   */
  keep?: () => Promise<void>;
}

interface CacheContent {
  definitions: RuleDefinition[];
  startOffsets: StartOffsetTable;
}

const isShipped = (d: RuleDefinition) => resolve(d.file).startsWith(BUILTIN_RULES_DIR + sep);

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
 * Identity of the rule files as they are now: absolute names, sizes and mtimes, airlock's
 * version and V8's. Not the working folder: one cache file serves every folder a git hook runs in.
 */
function rulesKey(files: RuleFileNames): string | undefined {
  // Node's too: a cached rule's patterns are compiled when first used, by this Node's regex engine.
  const hash = createHash('sha256').update(`${VERSION}\0${FORMAT}\0${process.versions.v8}`);
  for (const file of files.keys()) {
    const stats = statSync(file, { throwIfNoEntry: false });
    if (!stats) return undefined; // gone since listed: let the real load report it
    hash.update(`\0${file}\0${stats.size}\0${stats.mtimeMs}`);
  }
  return hash.digest('hex').slice(0, 32);
}

/** Definitions just read from the cache, renamed in place as a fresh load in this working folder would name their files; undefined if one is unknown. */
function renameFiles(stored: RuleDefinition[], files: RuleFileNames): RuleDefinition[] | undefined {
  for (const definition of stored) {
    const shown = files.get(definition.file);
    if (shown === undefined) return undefined;
    definition.file = shown;
  }
  return stored;
}

/**
 * The examples kept (a user's rules'; shipped rules are stored without theirs) are fake secrets
 * of the right shape: written as they are, the cache file would be a finding in every scan of a
 * home folder, and no reordering of their characters escapes every rule. Each character is
 * stored shifted into Unicode's private use area: nothing in the file then holds the ASCII a
 * rule looks for, it parses as one string per example, and it comes back exactly. Rules are not
 * cached when a user's rule's examples already hold private-use characters.
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

/**
 * JSON with every character past ASCII written as a `\\u` escape. The file is then read as
 * Latin-1, one byte per character: V8 keeps such a string at one byte per character, and
 * reading and parsing the 1.9 MB file took 9 ms instead of 15 ms (UTF-8 decoding, then a
 * two-byte string, for the one dash in a description), a tenth of a git hook's start.
 */
const asAscii = (json: string) => json.replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

function readCached(file: string, names: RuleFileNames, cache: CacheFolder | undefined): LoadedRules | undefined {
  let stored: CacheContent;
  try {
    const bytes = readCacheOrPrebuilt(cache, file);
    if (!bytes) return undefined;
    stored = JSON.parse(bytes.toString('latin1')) as CacheContent;
    stored.definitions = stored.definitions.map((d) => (d.examples.length + d.negative_examples.length === 0 ? d : mapExamples(d, unshift)));
  } catch {
    return undefined; // no cache yet, or unreadable: load for real
  }
  const definitions = renameFiles(stored.definitions, names);
  if (!definitions) return undefined;
  return { definitions, startOffsets: stored.startOffsets };
}

/** The shipped rules' start offsets, worked out in a thread of their own (see start-offsets-worker.ts); undefined if that failed. */
function startOffsetsOf(shipped: RuleDefinition[]): Promise<StartOffsetTable | undefined> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./start-offsets-worker.js', import.meta.url), { workerData: { definitions: shipped } });
    worker.once('message', (table: StartOffsetTable | null) => resolve(table ?? undefined));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}

/**
 * What the cache file keeps of freshly loaded rules. A scan needs a shipped rule's examples only
 * to confirm where its matches start: that is worked out here once (every shipped rule compiled
 * and run on its examples), and the examples, 60% of the file and of its parsing, are left out.
 * A user's rules keep theirs: the regex safety check reads them, and a user's pattern is run on
 * this thread only once that check has passed.
 */
async function toCache(loaded: RuleDefinition[]): Promise<CacheContent | undefined> {
  const startOffsets = await startOffsetsOf(loaded.filter(isShipped));
  if (!startOffsets) return undefined; // the real compile reports what failed
  const definitions = loaded.map((d) => (isShipped(d) ? { ...d, examples: [], negative_examples: [] } : d));
  return { definitions: definitions.map((d) => mapExamples({ ...d, file: resolve(d.file) }, shift)), startOffsets };
}

/**
 * Rule definitions, validated: from the cache when the rule files have not changed since, so a
 * git hook does not parse YAML or load the schema on every commit. From the cache, shipped rules
 * come without examples, and with their start offsets instead.
 */
export async function loadRuleDefinitions(dirs: string[], cache: CacheFolder | undefined): Promise<Outcome<LoadedRules>> {
  const names = listAllRuleFiles(dirs);
  const key = names && rulesKey(names);
  const fresh = async (): Promise<Outcome<LoadedRules>> => {
    const loaded = await loadRules(dirs);
    return loaded.ok ? ok({ definitions: loaded.value }) : loaded;
  };
  if (!names || !key) return fresh();
  // Without a cache folder, the prebuilt rules (see prebuilt.ts) may still serve.
  const file = join(cache?.dir ?? PREBUILT_DIR, `rules-${key}.json`);
  const cached = readCached(file, names, cache);
  if (cached) return ok(cached);
  const loaded = await fresh();
  if (!cache || !loaded.ok || !loaded.value.definitions.every((d) => isShipped(d) || isStorable(d)) || !cache.isWritable) return loaded;
  // This run goes on with the examples, as a run without a cache does; the file comes after.
  const keep = async () => {
    const content = await toCache(loaded.value.definitions);
    if (content) writeCacheFile(cache, file, asAscii(JSON.stringify(content)));
  };
  return ok({ definitions: loaded.value.definitions, keep });
}
