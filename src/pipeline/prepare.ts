import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createRuleSet, type RuleSet } from '../engine/rule-set.js';
import { fail, ok, type Outcome } from '../model/outcome.js';
import { compileRules } from '../rules/compile.js';
import { BUILTIN_RULES_DIR } from '../rules/load.js';
import { cacheDirectory, isCacheWritable } from './cache-dir.js';
import type { EngineSetup } from './engine-setup.js';
import { loadRuleDefinitions } from './rules-cache.js';

export interface Engine {
  setup: EngineSetup;
  ruleSet: RuleSet;
}

/**
 * Loads the built-in rules plus the user's folders and compiles them: the same for every
 * command. `roots` are the folders about to be scanned: the cache is never written inside one.
 */
export async function prepareEngine(ruleDirs: string[], roots: string[]): Promise<Outcome<Engine>> {
  const dir = cacheDirectory();
  const cache = { dir, isWritable: dir !== undefined && isCacheWritable(dir, roots) };
  const definitions = await loadRuleDefinitions([BUILTIN_RULES_DIR, ...ruleDirs], cache);
  if (!definitions.ok) return definitions;
  const compiled = compileRules(definitions.value);
  if (!compiled.ok) return compiled;
  const setup: EngineSetup = { definitions: definitions.value, useSecretlint: true };
  return ok({ setup, ruleSet: createRuleSet(compiled.value, { useSecretlint: setup.useSecretlint }) });
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
