import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VERSION } from '../model/version.js';
import { ADVERSARIAL_SIZE } from '../rules/adversarial-inputs.js';
import type { RuleDefinition } from '../rules/syntax.js';
import { noteCacheRead, writeCacheFile, type CacheFolder } from './cache-dir.js';

/** Bump when the adversarial inputs change, so that earlier verdicts are not trusted. */
const GENERATOR = 1;

/**
 * Verdicts of the regex safety check, remembered per rule: the key hashes everything the
 * verdict depends on (pattern, flags, keywords, examples, budget, airlock's version, and the
 * Node version, whose regex engine decides how fast a pattern runs), so an edited rule is
 * checked again. A verdict is `null` (safe) or the failure message.
 */
export interface SafetyVerdicts {
  get(definition: RuleDefinition): string | null | undefined;
  set(definition: RuleDefinition, verdict: string | null): void;
  save(): void;
}

export function openSafetyVerdicts(cache: CacheFolder | undefined, budgetMs: number): SafetyVerdicts {
  const file = cache ? join(cache.dir, 'regex-safety.json') : undefined;
  let verdicts: Record<string, string | null> = {};
  if (cache && file) {
    try {
      verdicts = (JSON.parse(readFileSync(file, 'utf8')) as { verdicts: Record<string, string | null> }).verdicts ?? {};
      noteCacheRead(cache, file);
    } catch {
      // nothing remembered yet
    }
  }
  let isChanged = false;
  const keyOf = ({ id, content, examples }: RuleDefinition) =>
    createHash('sha256').update(JSON.stringify([GENERATOR, VERSION, process.versions.node, budgetMs, ADVERSARIAL_SIZE, id, content, examples])).digest('hex').slice(0, 32);
  return {
    get: (definition) => verdicts[keyOf(definition)],
    set(definition, verdict) {
      verdicts[keyOf(definition)] = verdict;
      isChanged = true;
    },
    save() {
      if (!cache || !file || !isChanged) return;
      writeCacheFile(cache, file, JSON.stringify({ verdicts }));
    },
  };
}
