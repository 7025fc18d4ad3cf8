import picomatch from 'picomatch';
import { fail, ok, type Outcome } from '../model/outcome.js';
import type { CompiledRule, ContentMatcher } from '../model/rule.js';
import { createPathGate, matchesEveryPath } from '../engine/name-matcher.js';
import { VERIFIERS } from '../engine/verifiers.js';
import { leadingLiterals } from './leading-literals.js';
import type { RuleDefinition } from './syntax.js';

export type { CompiledRule };

const GLOB_OPTIONS = { dot: true, nocase: false } as const;

/**
 * A path matcher for include/exclude globs. Each glob list is first put to its cheap gate
 * (base and folder names), so most paths never reach picomatch; `**` includes every path.
 */
function compileGlobs(include: string[], exclude: string[] = []): (path: string) => boolean {
  const includeGlobs = picomatch(include, GLOB_OPTIONS);
  const mayInclude = createPathGate(include);
  const isIncluded = matchesEveryPath(include) ? () => true : (path: string) => mayInclude(path) && includeGlobs(path);
  if (exclude.length === 0) return isIncluded;
  const excludeGlobs = picomatch(exclude, GLOB_OPTIONS);
  const mayExclude = createPathGate(exclude);
  return (path) => isIncluded(path) && !(mayExclude(path) && excludeGlobs(path));
}

/** How far into a match its keyword may stand for the rule to count as anchored. */
export const ANCHOR_REACH = 256;

/**
 * Whether every match in the rule's examples has one of its keywords within ANCHOR_REACH
 * characters of the match's start. A rule whose keywords only gate the file (the secret
 * itself holds none) is not anchored and always runs on the whole text.
 */
function isAnchoredByExamples(definition: RuleDefinition, regex: RegExp, keywords: string[]): boolean {
  // Every way the pattern can begin must spell out a keyword; the examples then confirm it.
  const starts = leadingLiterals(regex.source);
  if (!starts || starts.some((start) => !keywords.some((k) => start.toLowerCase().includes(k)))) return false;
  const texts = definition.examples.flatMap((e) => (typeof e === 'string' ? [e] : e.content !== undefined ? [e.content] : []));
  if (texts.length === 0 || definition.path) return false;
  let matches = 0;
  for (const text of texts) {
    const copy = new RegExp(regex.source, regex.flags);
    for (const match of text.matchAll(copy)) {
      matches++;
      const head = match[0].slice(0, ANCHOR_REACH + Math.max(...keywords.map((k) => k.length))).toLowerCase();
      if (!keywords.some((k) => head.includes(k))) return false;
    }
  }
  return matches > 0;
}

function compileRegex(source: string, flags: string, field: string): Outcome<RegExp> {
  try {
    return ok(new RegExp(source, flags));
  } catch (error) {
    return fail(`${field}: ${(error as Error).message}`);
  }
}

export function compileRule(definition: RuleDefinition): Outcome<CompiledRule> {
  const errors: string[] = [];
  const { path, content } = definition;
  let contentMatcher: ContentMatcher | undefined;
  if (content) {
    const regex = compileRegex(content.pattern, `g${content.flags ?? ''}`, 'content.pattern');
    if (!regex.ok) errors.push(...regex.errors);
    else if (!content.pattern.includes('(?<secret>')) {
      errors.push('content.pattern: needs a named group (?<secret>…) around the secret');
    }
    const allow = (content.allow ?? []).map((pattern, i) => compileRegex(pattern, 'i', `content.allow[${i}]`));
    const requires = (content.requires ?? []).map((pattern, i) => compileRegex(pattern, content.flags?.replace(/[^imsu]/g, '') ?? '', `content.requires[${i}]`));
    for (const result of [...allow, ...requires]) if (!result.ok) errors.push(...result.errors);
    const values = (results: Outcome<RegExp>[]) => results.flatMap((r) => (r.ok ? [r.value] : []));
    if (regex.ok && errors.length === 0) {
      contentMatcher = {
        regex: regex.value,
        keywords: content.keywords.map((k) => k.toLowerCase()),
        minEntropy: content.entropy ?? 0,
        allow: values(allow),
        requires: values(requires),
        verify: content.verify ? VERIFIERS[content.verify] : undefined,
        isAnchored: isAnchoredByExamples(definition, regex.value, content.keywords.map((k) => k.toLowerCase())),
      };
    }
  }
  if (errors.length > 0) return fail(...errors);
  return ok({
    id: definition.id,
    name: definition.name,
    category: definition.category,
    severity: definition.severity,
    description: definition.description,
    remediation: definition.remediation,
    provider: definition.provider,
    matchesPath: path ? compileGlobs(path.include, path.exclude) : undefined,
    pathGlobs: path?.include,
    content: contentMatcher,
  });
}

/** Compiles loaded definitions; the pure step from syntax to runnable rules. */
export function compileRules(definitions: RuleDefinition[]): Outcome<CompiledRule[]> {
  const errors: string[] = [];
  const compiled: CompiledRule[] = [];
  for (const definition of definitions) {
    const result = compileRule(definition);
    if (result.ok) compiled.push(result.value);
    else errors.push(...result.errors.map((e) => `${definition.file}: rule ${definition.id}: ${e}`));
  }
  return errors.length > 0 ? fail(...errors) : ok(compiled);
}
