import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { createRuleSet, mainPrefilterKeywords, type RuleSet } from '../engine/rule-set.js';
import { fail, ok, type Outcome } from '../model/outcome.js';
import { compileRules } from '../rules/compile.js';
import { applyDataConfig, type DataConfig } from '../rules/data-config.js';
import { BUILTIN_RULES_DIR } from '../rules/load.js';
import type { CacheFolder } from './cache-dir.js';
import type { EngineSetup } from './engine-setup.js';
import type { RegexSafetyFailure } from './regex-safety.js';
import type { RuleDefinition } from '../rules/syntax.js';
import { keepPrefilterImage, readPrefilterImage } from './prefilter-cache.js';
import { loadRuleDefinitions } from './rules-cache.js';

export interface Engine {
  setup: EngineSetup;
  ruleSet: RuleSet;
  /**
   * The user's rules (`--rules DIR`) whose patterns failed the regex safety check. The main
   * thread cannot be interrupted, so while there is one, every file is matched in a worker.
   */
  unsafeRules: RegexSafetyFailure[];
  /** When the rules were loaded fresh: writes the rules cache. Call it once the scan's workers are done. */
  keepRules?: () => Promise<void>;
}

/** A notice for each unsafe rule, for the scan's output. */
export const unsafeRuleNotices = (engine: Engine): string[] =>
  engine.unsafeRules.map((f) => `rule ${f.ruleId} in ${f.file} can backtrack catastrophically (see airlock rules test): every file is matched in a worker thread, under the per-file time budget`);

/**
 * Shipped rules are proven by `airlock rules test` and the test suite; a user's rules are
 * checked here, once per version of each rule (the verdict is remembered in the cache).
 */
async function checkUserRules(definitions: RuleDefinition[], cache: CacheFolder | undefined): Promise<RegexSafetyFailure[]> {
  const builtin = BUILTIN_RULES_DIR + sep;
  // By file, not by rule: resolving 1,260 names was a millisecond and more of a git hook's start.
  const isUserFile = new Map<string, boolean>();
  const user = definitions.filter((d) => {
    if (!d.content) return false;
    let isUser = isUserFile.get(d.file);
    if (isUser === undefined) isUserFile.set(d.file, (isUser = !resolve(d.file).startsWith(builtin)));
    return isUser;
  });
  if (user.length === 0) return [];
  const { checkRegexSafety } = await import('./regex-safety.js');
  return checkRegexSafety(user, { jobs: 1, cache });
}

/**
 * Loads the built-in rules plus the user's folders, applies the data configuration (severity,
 * threshold, the user's terms) and compiles them: the same for every command. `cache` is the
 * scan's cache folder, if caching is on.
 */
export async function prepareEngine(ruleDirs: string[], cache: CacheFolder | undefined, data?: DataConfig): Promise<Outcome<Engine>> {
  const loaded = await loadRuleDefinitions([BUILTIN_RULES_DIR, ...ruleDirs], cache);
  if (!loaded.ok) return loaded;
  const definitions = applyDataConfig(loaded.value.definitions, data);
  const { startOffsets } = loaded.value;
  const compiled = compileRules(definitions, startOffsets);
  // No scan follows: the rules cache is written now (the next run reports the same, sooner).
  if (!compiled.ok) {
    await loaded.value.keep?.();
    return compiled;
  }
  const useSecretlint = true;
  const unsafeRules = await checkUserRules(definitions, cache?.isWritable ? cache : undefined);
  // The main prefilter's automaton is read from the cache folder when an earlier run kept it.
  const keywords = mainPrefilterKeywords(compiled.value, { useSecretlint });
  const ruleSet = createRuleSet(compiled.value, { useSecretlint, prefilterImage: readPrefilterImage(cache, keywords) });
  keepPrefilterImage(cache, keywords, ruleSet.prefilter);
  const setup: EngineSetup = { definitions, useSecretlint, ...(startOffsets ? { startOffsets } : {}), prefilterImage: ruleSet.prefilter.image() };
  return ok({ setup, ruleSet, unsafeRules, ...(loaded.value.keep ? { keepRules: loaded.value.keep } : {}) });
}

/** Absolute paths of the roots, each checked to be a folder. */
export async function checkRoots(roots: string[]): Promise<Outcome<string[]>> {
  const errors: string[] = [];
  const absolute = roots.map((r) => resolve(r));
  for (const root of absolute) {
    try {
      if (!(await stat(root)).isDirectory()) errors.push(`${root}: not a folder`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      errors.push(`${root}: ${code === 'ENOENT' ? 'no such folder' : `${code ?? 'error'}: cannot read`}`);
    }
  }
  return errors.length > 0 ? fail(...errors) : ok(absolute);
}
