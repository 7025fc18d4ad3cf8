import type { CompiledRule } from '../model/rule.js';
import { DECODER_TRIGGERS } from './decoders/index.js';
import { createPathGate, matchesEveryPath } from './name-matcher.js';
import { createPrefilter, type Prefilter } from './prefilter.js';
import { SECRETLINT_RULES, type SecretlintRule } from './secretlint-rules.js';

/** Rules arranged for the per-file loop: decided once, not per file. */
export interface RuleSet {
  /** Content rules that may run on any file, gated by their keywords. */
  contentRules: CompiledRule[];
  secretlintRules: SecretlintRule[];
  /** For each keyword, the places in `secretlintRules` of the rules it activates, ascending. */
  secretlintByKeyword: Map<string, number[]>;
  /** Keywords of `contentRules`, the `everyPathRules` and secretlint's rules: decides whether a file is decoded at all. */
  prefilter: Prefilter;
  /** Keywords of the other path-gated rules (`.env`, shell histories…), searched only in files one of them applies to. */
  gatedPrefilter: Prefilter;
  /** Content rules, then path-gated rules: the order findings are made in. */
  keywordRules: CompiledRule[];
  /** For each keyword, the places in `keywordRules` of the rules it activates, ascending. */
  rulesByKeyword: Map<string, number[]>;
  /** Path and path-gated rules, in rule order. */
  pathSensitiveRules: CompiledRule[];
  /** Those of them that include every path (`**`, with exclusions): tested on every file. */
  everyPathRules: CompiledRule[];
  /** Tells from a path whether any of the other path-sensitive rules could apply: most files fail it. */
  mayMatchSomeRule: (path: string) => boolean;
}

/** keyword → the places (ascending) of the rules that hold it, from each rule's keywords. */
function placesByKeyword(keywordsByRule: readonly (readonly string[])[]): Map<string, number[]> {
  const places = new Map<string, number[]>();
  keywordsByRule.forEach((keywords, place) => {
    for (const keyword of new Set(keywords)) {
      const list = places.get(keyword);
      if (list) list.push(place);
      else places.set(keyword, [place]);
    }
  });
  return places;
}

export function createRuleSet(rules: CompiledRule[], options: { useSecretlint: boolean }): RuleSet {
  const contentRules = rules.filter((r) => r.content && !r.matchesPath);
  const pathGatedRules = rules.filter((r) => r.content && r.matchesPath);
  const pathSensitiveRules = rules.filter((r) => r.matchesPath);
  const everyPathRules = pathSensitiveRules.filter((r) => matchesEveryPath(r.pathGlobs ?? []));
  const secretlintRules = options.useSecretlint ? SECRETLINT_RULES : [];
  const keywordRules = [...contentRules, ...pathGatedRules];
  const rulesByKeyword = placesByKeyword(keywordRules.map((rule) => rule.content!.keywords));
  // Rules that apply to (almost) every path share the main prefilter; the gated pass is for the rest.
  const isEverywhere = (rule: CompiledRule) => everyPathRules.includes(rule);
  return {
    contentRules,
    secretlintRules,
    secretlintByKeyword: placesByKeyword(secretlintRules.map((rule) => rule.keywords)),
    prefilter: createPrefilter([
      ...contentRules.flatMap((r) => r.content!.keywords),
      ...pathGatedRules.filter(isEverywhere).flatMap((r) => r.content!.keywords),
      ...secretlintRules.flatMap((r) => r.keywords),
      ...DECODER_TRIGGERS,
    ]),
    gatedPrefilter: createPrefilter(pathGatedRules.filter((r) => !isEverywhere(r)).flatMap((r) => r.content!.keywords)),
    keywordRules,
    rulesByKeyword,
    pathSensitiveRules,
    everyPathRules,
    mayMatchSomeRule: createPathGate(pathSensitiveRules.filter((r) => !isEverywhere(r)).flatMap((r) => r.pathGlobs ?? [])),
  };
}
