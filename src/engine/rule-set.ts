import type { CompiledRule } from '../model/rule.js';
import { BASE64_TRIGGERS } from './base64.js';
import { createPathGate, matchesEveryPath } from './name-matcher.js';
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
  /** Keywords of `contentRules`, the `everyPathRules` and secretlint's rules: decides whether a file is decoded at all. */
  prefilter: Prefilter;
  /** Keywords of the other `pathGatedRules`, searched only in files one of them applies to. */
  gatedPrefilter: Prefilter;
  /** Content and path-gated rules by each of their keywords. */
  rulesByKeyword: Map<string, CompiledRule[]>;
  /** Each rule's place in the rule list, to keep findings in rule order. */
  ruleOrder: Map<CompiledRule, number>;
  /** Keywords that send a file's base64 values to be decoded and scanned again. */
  base64Triggers: readonly string[];
  /** Path and path-gated rules, in rule order. */
  pathSensitiveRules: CompiledRule[];
  /** Those of them that include every path (`**`, with exclusions): tested on every file. */
  everyPathRules: CompiledRule[];
  /** Tells from a path whether any of the other path-sensitive rules could apply: most files fail it. */
  mayMatchSomeRule: (path: string) => boolean;
}

export function createRuleSet(rules: CompiledRule[], options: { useSecretlint: boolean }): RuleSet {
  const contentRules = rules.filter((r) => r.content && !r.matchesPath);
  const pathGatedRules = rules.filter((r) => r.content && r.matchesPath);
  const pathSensitiveRules = rules.filter((r) => r.matchesPath);
  const everyPathRules = pathSensitiveRules.filter((r) => matchesEveryPath(r.pathGlobs ?? []));
  const secretlintRules = options.useSecretlint ? SECRETLINT_RULES : [];
  const keywordRules = [...contentRules, ...pathGatedRules];
  const rulesByKeyword = new Map<string, CompiledRule[]>();
  for (const rule of keywordRules) {
    for (const keyword of new Set(rule.content!.keywords)) rulesByKeyword.set(keyword, [...(rulesByKeyword.get(keyword) ?? []), rule]);
  }
  // Rules that apply to (almost) every path share the main prefilter; the gated pass is for the rest.
  const isEverywhere = (rule: CompiledRule) => everyPathRules.includes(rule);
  return {
    pathRules: rules.filter((r) => r.matchesPath && !r.content),
    contentRules,
    pathGatedRules,
    secretlintRules,
    prefilter: createPrefilter([
      ...contentRules.flatMap((r) => r.content!.keywords),
      ...pathGatedRules.filter(isEverywhere).flatMap((r) => r.content!.keywords),
      ...secretlintRules.flatMap((r) => r.keywords),
      ...BASE64_TRIGGERS,
    ]),
    gatedPrefilter: createPrefilter(pathGatedRules.filter((r) => !isEverywhere(r)).flatMap((r) => r.content!.keywords)),
    rulesByKeyword,
    ruleOrder: new Map(keywordRules.map((rule, index) => [rule, index])),
    base64Triggers: BASE64_TRIGGERS,
    pathSensitiveRules,
    everyPathRules,
    mayMatchSomeRule: createPathGate(pathSensitiveRules.flatMap((r) => (matchesEveryPath(r.pathGlobs ?? []) ? [] : (r.pathGlobs ?? [])))),
  };
}
