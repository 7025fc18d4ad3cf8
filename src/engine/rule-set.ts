import type { CompiledRule } from '../model/rule.js';
import { DECODER_TRIGGERS } from './decoders/index.js';
import { createNameMatcher, createPathGate, matchesEveryPath } from './name-matcher.js';
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
  /**
   * The prefilter for the keywords of some of the other path-gated rules (`.env`, shell
   * histories…): those that apply to a file, searched only in it. One per set of rules, made
   * when first needed: a Markdown file is searched for a classification marking's words, not
   * for the `:` and digits a password-hash file is.
   */
  gatedPrefilter: (rules: readonly CompiledRule[]) => Prefilter;
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
  /** Path-gated rules without keywords: they run on every file their path selects. */
  unkeyedRules: CompiledRule[];
  /**
   * Whether a path under a root of this name can be matched differently once the name is put
   * before it (see `pathCandidates`): only when the name can stand for a segment of some glob.
   */
  isRootNameSeen: (rootName: string) => boolean;
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

/** One gate for the globs of many rules; the caseless ones' (lower-case) globs see the lower-cased path. */
function pathGateOf(rules: CompiledRule[]): (path: string) => boolean {
  const cased = createPathGate(rules.filter((r) => !r.isPathCaseless).flatMap((r) => r.pathGlobs ?? []));
  const caseless = rules.filter((r) => r.isPathCaseless);
  if (caseless.length === 0) return cased;
  const lower = createPathGate(caseless.flatMap((r) => r.pathGlobs ?? []));
  return (path) => cased(path) || lower(path.toLowerCase());
}

/**
 * A prefilter per set of gated rules, made when first asked for: by the list itself (a file's
 * `PathRules` shares its list with every file alike), then by the rules' ids, so an equal list
 * from elsewhere gets the same one.
 */
function prefilterPerRules(): (rules: readonly CompiledRule[]) => Prefilter {
  const byList = new WeakMap<readonly CompiledRule[], Prefilter>();
  const byIds = new Map<string, Prefilter>();
  return (rules) => {
    let prefilter = byList.get(rules);
    if (prefilter) return prefilter;
    const key = rules.map((rule) => rule.id).join('\0');
    prefilter = byIds.get(key);
    if (!prefilter) byIds.set(key, (prefilter = createPrefilter(rules.flatMap((rule) => rule.content!.keywords))));
    byList.set(rules, prefilter);
    return prefilter;
  };
}

/** The keywords of the main prefilter: every rule's that may run on any path, secretlint's, and the decoders' triggers. */
export function mainPrefilterKeywords(rules: readonly CompiledRule[], options: { useSecretlint: boolean }): string[] {
  return [
    ...rules.filter((r) => r.content && !r.matchesPath).flatMap((r) => r.content!.keywords),
    ...rules.filter((r) => r.content && r.matchesPath && matchesEveryPath(r.pathGlobs ?? [])).flatMap((r) => r.content!.keywords),
    ...(options.useSecretlint ? SECRETLINT_RULES : []).flatMap((r) => r.keywords),
    ...DECODER_TRIGGERS,
  ];
}

/**
 * Whether a root's name can change what the rules' globs decide about the paths under it, put
 * before each: the glob for `.aws/credentials` in any folder sees `credentials` in a mounted
 * `~/.aws` only so. With `**` able to take the name (dot files too), a glob that starts with it
 * decides alike with and without the name unless the name can match one of its folder segments;
 * one that does not start so matches the longer path only if its first segment takes the name.
 * An exclusion of that kind could drop the longer path alone: then the name is always put.
 * Kept per name.
 */
function rootNameSeen(rules: readonly CompiledRule[]): (rootName: string) => boolean {
  const globs = rules.flatMap((rule) => [...(rule.pathGlobs ?? []), ...(rule.pathExcludeGlobs ?? [])]);
  const isAnchoredExclusion = rules.some((rule) => rule.pathExcludeGlobs?.some((glob) => glob !== '**' && !glob.startsWith('**/')));
  // The name is a folder of the longer path, never its base name: a glob's last segment cannot take it.
  // Made when first asked (a git hook's scan of blobs asks with no root name, so never).
  let segment: ((name: string) => boolean) | undefined;
  const answers = new Map<string, boolean>();
  return (rootName) => {
    let answer = answers.get(rootName);
    if (answer === undefined) {
      segment ??= createNameMatcher(globs.flatMap((glob) => glob.split('/').slice(0, -1)).filter((part) => part !== '**' && part !== ''));
      answers.set(rootName, (answer = isAnchoredExclusion || segment(rootName) || segment(rootName.toLowerCase())));
    }
    return answer;
  };
}

/** `prefilterImage`: the main prefilter's automaton from an earlier run (see `createPrefilter`). */
export function createRuleSet(rules: CompiledRule[], options: { useSecretlint: boolean; prefilterImage?: Uint8Array }): RuleSet {
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
    prefilter: createPrefilter(mainPrefilterKeywords(rules, options), options.prefilterImage, { isMain: true }),
    gatedPrefilter: prefilterPerRules(),
    keywordRules,
    rulesByKeyword,
    pathSensitiveRules,
    everyPathRules,
    mayMatchSomeRule: pathGateOf(pathSensitiveRules.filter((r) => !isEverywhere(r))),
    unkeyedRules: pathGatedRules.filter((r) => r.content!.keywords.length === 0),
    isRootNameSeen: rootNameSeen(pathSensitiveRules),
  };
}
