import type { CompiledRule } from '../model/rule.js';
import { BASE64_TRIGGERS } from './base64.js';
import { createNameMatcher } from './name-matcher.js';
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
  /** Tells from a path whether any path or path-gated rule could apply: most files fail it. */
  mayMatchSomeRule: (path: string) => boolean;
}

/** One test for all rules' path hints: the base name, then each folder name of the path. */
function createPathHint(rules: CompiledRule[]): (path: string) => boolean {
  const basename = createNameMatcher(rules.flatMap((r) => r.pathHint?.basenames ?? []));
  const folderGlobs = rules.flatMap((r) => r.pathHint?.folders ?? []);
  const folder = createNameMatcher(folderGlobs);
  return (path) => {
    const slash = path.lastIndexOf('/');
    if (basename(path.slice(slash + 1))) return true;
    if (folderGlobs.length === 0 || slash === -1) return false;
    return path.slice(0, slash).split('/').some(folder);
  };
}

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
    mayMatchSomeRule: createPathHint(rules),
  };
}
