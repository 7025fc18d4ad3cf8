import type { CompiledRule } from '../model/rule.js';
import { BASE64_TRIGGERS } from './base64.js';
import { createPrefilter, type Prefilter } from './prefilter.js';
import { SECRETLINT_RULES, type SecretlintRule } from './secretlint-rules.js';

/** Rules arranged for the per-file loop: decided once, not per file. */
export interface RuleSet {
  /** Rules that flag a whole file by its path. */
  pathRules: CompiledRule[];
  /** Content rules that may run on any file, gated by their keywords. */
  contentRules: CompiledRule[];
  /** Content rules that run only on files whose path they match (`.env`, shell histories…). */
  pathGatedRules: CompiledRule[];
  secretlintRules: SecretlintRule[];
  /** Keywords of `contentRules` and secretlint's rules: decides whether a file is decoded at all. */
  prefilter: Prefilter;
  /** Keywords of `pathGatedRules`, searched only in files one of them applies to. */
  gatedPrefilter: Prefilter;
  /** Keywords that send a file's base64 values to be decoded and scanned again. */
  base64Triggers: readonly string[];
  /** Matches any path some path or path-gated rule may apply to: most files fail it at once. */
  anyRulePath: RegExp;
}

const unionOf = (sources: string[]) => (sources.length > 0 ? new RegExp(sources.join('|')) : /(?!)/);

export function createRuleSet(rules: CompiledRule[], options: { useSecretlint: boolean }): RuleSet {
  const contentRules = rules.filter((r) => r.content && !r.matchesPath);
  const pathGatedRules = rules.filter((r) => r.content && r.matchesPath);
  const secretlintRules = options.useSecretlint ? SECRETLINT_RULES : [];
  return {
    pathRules: rules.filter((r) => r.matchesPath && !r.content),
    contentRules,
    pathGatedRules,
    secretlintRules,
    prefilter: createPrefilter([
      ...contentRules.flatMap((r) => r.content!.keywords),
      ...secretlintRules.flatMap((r) => r.keywords),
      ...BASE64_TRIGGERS,
    ]),
    gatedPrefilter: createPrefilter(pathGatedRules.flatMap((r) => r.content!.keywords)),
    base64Triggers: BASE64_TRIGGERS,
    anyRulePath: unionOf(rules.flatMap((r) => (r.pathPattern ? [r.pathPattern] : []))),
  };
}
