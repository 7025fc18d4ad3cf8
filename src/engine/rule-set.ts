import type { CompiledRule } from '../model/rule.js';
import { createPrefilter, type Prefilter } from './prefilter.js';
import { SECRETLINT_RULES, type SecretlintRule } from './secretlint-rules.js';

/** Rules arranged for the per-file loop: decided once, not per file. */
export interface RuleSet {
  /** Rules that flag a whole file by its path. */
  pathRules: CompiledRule[];
  /** Rules that read content, each gated by its keywords (and its path globs, if any). */
  contentRules: CompiledRule[];
  secretlintRules: SecretlintRule[];
  prefilter: Prefilter;
}

export function createRuleSet(rules: CompiledRule[], options: { useSecretlint: boolean }): RuleSet {
  const contentRules = rules.filter((r) => r.content);
  const secretlintRules = options.useSecretlint ? SECRETLINT_RULES : [];
  const keywords = [
    ...contentRules.flatMap((r) => r.content!.keywords),
    ...secretlintRules.flatMap((r) => r.keywords),
  ];
  return {
    pathRules: rules.filter((r) => r.matchesPath && !r.content),
    contentRules,
    secretlintRules,
    prefilter: createPrefilter(keywords),
  };
}
