import { createRequire } from 'node:module';
import type picomatchType from 'picomatch';
import { fail, ok, type Outcome } from '../model/outcome.js';
import type { Anchor, CompiledRule, ContentMatcher } from '../model/rule.js';
import { createPathGate, matchesEveryPath } from '../engine/name-matcher.js';
import { START_FINDERS, VALIDATORS } from '../engine/validators/index.js';
import { VERIFIERS } from '../engine/verifiers.js';
import { anchorOf, leadingLiterals } from './leading-literals.js';
import type { RuleDefinition } from './syntax.js';

export type { CompiledRule };

const GLOB_OPTIONS = { dot: true, nocase: false } as const;

/** picomatch is loaded the first time a path passes a gate: a git hook often never needs it. */
const loadPicomatch = once(() => createRequire(import.meta.url)('picomatch') as typeof picomatchType);
const picomatch = (globs: string[], options: picomatchType.PicomatchOptions) => loadPicomatch()(globs, options);

/**
 * Gates by glob list: rules that share a list (the generic rules share their exclusions) share
 * one gate, which remembers its last answer, so a path is put to it once, not once per rule.
 */
const gates = new Map<string, (path: string) => boolean>();
function sharedGate(globs: string[]): (path: string) => boolean {
  const key = globs.join('\n');
  let gate = gates.get(key);
  if (!gate) {
    const test = createPathGate(globs);
    let lastPath: string | undefined;
    let lastAnswer = false;
    gate = (path) => {
      if (path !== lastPath) {
        lastAnswer = test(path);
        lastPath = path;
      }
      return lastAnswer;
    };
    gates.set(key, gate);
  }
  return gate;
}

/**
 * A path matcher for include/exclude globs. Each glob list is first put to its cheap gate
 * (base and folder names), so most paths never reach picomatch, which compiles a list only
 * once a path passes its gate; `**` includes every path. Caseless globs (`ignore_case`) are
 * lower-cased and put to the lower-cased path.
 */
const matchers = new Map<string, (path: string) => boolean>();
function compileGlobs(include: string[], exclude: string[] = [], isCaseless = false): (path: string) => boolean {
  // Rules with the same path block (the data rules share one) share one matcher, which
  // remembers its last answer: a path is put to it once, not once per rule.
  const key = `${isCaseless}\0${include.join('\n')}\0${exclude.join('\n')}`;
  let matcher = matchers.get(key);
  if (!matcher) {
    const test = compileGlobsOnce(include, exclude, isCaseless);
    // The last two answers: each path is asked about under two names (see pathCandidates).
    const last: [string | undefined, boolean, string | undefined, boolean] = [undefined, false, undefined, false];
    matcher = (path) => {
      if (path === last[0]) return last[1];
      if (path === last[2]) return last[3];
      const answer = test(path);
      last[2] = last[0];
      last[3] = last[1];
      last[0] = path;
      last[1] = answer;
      return answer;
    };
    matchers.set(key, matcher);
  }
  return matcher;
}

function compileGlobsOnce(include: string[], exclude: string[], isCaseless: boolean): (path: string) => boolean {
  if (isCaseless) {
    const matches = compileGlobsOnce(include.map((g) => g.toLowerCase()), exclude.map((g) => g.toLowerCase()), false);
    return (path) => matches(path.toLowerCase());
  }
  const includeGlobs = once(() => picomatch(include, GLOB_OPTIONS));
  const mayInclude = sharedGate(include);
  const isIncluded = matchesEveryPath(include) ? () => true : (path: string) => mayInclude(path) && includeGlobs()(path);
  if (exclude.length === 0) return isIncluded;
  const excludeGlobs = once(() => picomatch(exclude, GLOB_OPTIONS));
  const mayExclude = sharedGate(exclude);
  return (path) => isIncluded(path) && !(mayExclude(path) && excludeGlobs()(path));
}

/**
 * For an anchored rule, how far before each keyword's occurrence a match can start; undefined
 * when some way the pattern can begin holds no keyword (the rule then runs on the whole text).
 * Every match begins with one of the pattern's leading literals, so a literal holding a
 * keyword at index i means the match starts i characters before that occurrence (and a keyword
 * holding the literal at index i, i characters after it: offset -i). The rule's
 * examples must agree: each of their matches starts at one of the offsets.
 */
function keywordStartOffsets(definition: RuleDefinition, sticky: RegExp, keywords: string[]): Map<string, number[]> | undefined {
  const starts = leadingLiterals(sticky.source);
  if (!starts) return undefined;
  const offsets = new Map<string, Set<number>>();
  for (const start of starts.map((s) => s.toLowerCase())) {
    let hasKeyword = false;
    for (const keyword of keywords) {
      for (let at = start.indexOf(keyword); at !== -1; at = start.indexOf(keyword, at + 1)) {
        hasKeyword = true;
        offsets.set(keyword, (offsets.get(keyword) ?? new Set()).add(at));
      }
      // A keyword longer than the beginning read, holding it: its keywords spell out how such a
      // match goes on (`expo_` for a pattern read as far as `expo`: it starts at the keyword), or
      // what its lookbehind wants before it (`api_key` for a pattern that begins `key` and looks
      // behind for the name: it starts inside the keyword, a negative offset).
      if (keyword.length > start.length) {
        for (let at = keyword.indexOf(start); at !== -1; at = keyword.indexOf(start, at + 1)) {
          hasKeyword = true;
          offsets.set(keyword, (offsets.get(keyword) ?? new Set()).add(-at));
        }
      }
    }
    if (!hasKeyword) return undefined;
  }
  // Each match of an example must begin where a keyword occurrence puts it (the keyword may lie
  // in a lookahead past the match's end: the text is what is compared, not the match).
  const texts = definition.examples.flatMap((e) => (typeof e === 'string' ? [e] : e.content !== undefined ? [e.content] : []));
  let matches = 0;
  const beginAtKeywords = texts.every((text) => {
    const lower = text.toLowerCase();
    return everyMatch(sticky, text, (index) => {
      matches++;
      return [...offsets].some(([keyword, set]) => [...set].some((offset) => lower.startsWith(keyword, index + offset)));
    });
  });
  return matches > 0 && beginAtKeywords ? new Map([...offsets].map(([keyword, set]) => [keyword, [...set]])) : undefined;
}

/**
 * Whether `test` holds for where every match of a global search in `text` begins, found with
 * the rule's sticky regex tried at each position in turn (what a global search does): the
 * sticky one is the regex a scan uses, so checking a rule compiles no other (1,100 regexes per
 * thread, most of a worker's start, when its global regex was used for this).
 */
function everyMatch(sticky: RegExp, text: string, test: (index: number) => boolean): boolean {
  for (let at = 0; at <= text.length; ) {
    sticky.lastIndex = at;
    const match = sticky.exec(text);
    if (match === null) {
      at++;
      continue;
    }
    if (!test(match.index)) return false;
    at = match.index + Math.max(match[0].length, 1);
  }
  return true;
}

/** A function that computes its value on the first call only. */
function once<T>(compute: () => T): () => T {
  let value: { is: T } | undefined;
  return () => (value ??= { is: compute() }).is;
}

function compileRegex(source: string, flags: string, field: string): Outcome<RegExp> {
  try {
    return ok(new RegExp(source, flags));
  } catch (error) {
    return fail(`${field}: ${(error as Error).message}`);
  }
}

/**
 * Each anchored rule's start offsets by rule id, as plain data: for each keyword, how far before
 * it a match can start, or null when the rule runs on the whole text. Worked out once when the
 * rules cache is written (it compiles every rule and runs it on its examples: 0.6 s), so that a
 * scan needs neither the examples nor that work.
 */
export type StartOffsetTable = Record<string, [string, number[]][] | null>;

/** The start offsets of every rule with a content pattern (null for one that runs on the whole text), as a table for the cache. */
export function startOffsetTable(rules: readonly CompiledRule[]): StartOffsetTable {
  const table: StartOffsetTable = {};
  for (const rule of rules) {
    if (!rule.content) continue;
    const offsets = rule.content.startOffsets();
    table[rule.id] = offsets ? [...offsets].map(([keyword, at]) => [keyword, [...at]]) : null;
  }
  return table;
}

/** A table entry back as what `startOffsets` gives. */
const offsetsOf = (entry: [string, number[]][] | null) => (entry === null ? undefined : new Map(entry));

interface ContentRegexes {
  regex: RegExp;
  allow: RegExp[];
  requires: RegExp[];
}

function compileContentRegexes(content: NonNullable<RuleDefinition['content']>): Outcome<ContentRegexes> {
  const regex = compileRegex(content.pattern, `g${content.flags ?? ''}`, 'content.pattern');
  const allow = (content.allow ?? []).map((pattern, i) => compileRegex(pattern, 'i', `content.allow[${i}]`));
  const requires = (content.requires ?? []).map((pattern, i) => compileRegex(pattern, content.flags?.replace(/[^imsu]/g, '') ?? '', `content.requires[${i}]`));
  const errors = [regex, ...allow, ...requires].flatMap((r) => (r.ok ? [] : r.errors));
  if (!regex.ok || errors.length > 0) return fail(...errors);
  const values = (results: Outcome<RegExp>[]) => results.flatMap((r) => (r.ok ? [r.value] : []));
  return ok({ regex: regex.value, allow: values(allow), requires: values(requires) });
}

type Content = NonNullable<RuleDefinition['content']>;

/**
 * A rule's content matcher. Its regexes, sticky regex and start offsets are built the first
 * time they are asked for: a git hook runs a handful of 1,260 rules. A class, not an object of
 * closures and getters per rule (building those took a git hook 3 ms).
 */
class LazyContent implements ContentMatcher {
  readonly keywords: string[];
  readonly minEntropy: number;
  readonly minRandomness: number;
  readonly verify: ((secret: string) => boolean) | undefined;
  readonly isJudgedByVerifier: boolean;
  readonly isChecksum: boolean;
  readonly minCount: number | undefined;
  readonly findStarts: ((text: string) => number[]) | undefined;
  private readonly definition: RuleDefinition;
  private readonly content: Content;
  /** The start offsets the rules cache holds for the rule (it compiled then; null: none), if it came from there. */
  private readonly known: [string, number[]][] | null | undefined;
  private built: ContentRegexes | undefined;
  private stickyRegex: RegExp | undefined;
  private offsets: { is: ReadonlyMap<string, readonly number[]> | undefined } | undefined;
  private anchored: { is: Anchor | undefined } | undefined;

  /** `built`: its regexes, when compiled already. */
  constructor(definition: RuleDefinition, content: Content, keywords: string[], known: [string, number[]][] | null | undefined, built: ContentRegexes | undefined) {
    this.definition = definition;
    this.content = content;
    this.known = known;
    this.keywords = keywords;
    this.minEntropy = content.entropy ?? 0;
    this.minRandomness = content.randomness ?? 0;
    this.verify = content.verify ? VERIFIERS[content.verify] : undefined;
    this.isJudgedByVerifier = content.verify !== undefined && content.verify in VALIDATORS;
    this.isChecksum = content.verify?.startsWith('crc32') ?? false;
    this.minCount = content.min_count;
    this.findStarts = content.starts ? START_FINDERS[content.starts] : undefined;
    this.built = built;
  }

  private regexes(): ContentRegexes {
    if (this.built) return this.built;
    const built = compileContentRegexes(this.content);
    if (!built.ok) throw new Error(`rule ${this.definition.id} compiled when cached, and not now: ${built.errors[0]}`);
    return (this.built = built.value);
  }

  get regex(): RegExp {
    return this.regexes().regex;
  }

  get allow(): RegExp[] {
    return this.regexes().allow;
  }

  get requires(): RegExp[] {
    return this.regexes().requires;
  }

  sticky(): RegExp {
    const { pattern, flags } = this.content;
    return (this.stickyRegex ??= new RegExp(pattern, `${(flags ?? '').replace(/[gy]/g, '')}y`));
  }

  anchor(): Anchor | undefined {
    // A rule counting values reads the whole text.
    return (this.anchored ??= { is: this.minCount ? undefined : anchorOf(this.content.pattern, this.content.flags ?? '') }).is;
  }

  startOffsets(): ReadonlyMap<string, readonly number[]> | undefined {
    // A rule counting values reads the whole text; one without keywords has nothing to anchor.
    this.offsets ??= {
      is:
        this.minCount || this.keywords.length === 0
          ? undefined
          : this.known !== undefined
            ? offsetsOf(this.known)
            : keywordStartOffsets(this.definition, this.sticky(), this.keywords),
    };
    return this.offsets.is;
  }
}

/**
 * `known`: the table the rules cache holds for these definitions. A rule in it compiled when the
 * cache was written, and its examples are not kept: its start offsets come from the table, and
 * its regexes are built the first time they are used (building them all was a tenth of a git
 * hook's start, which runs a handful).
 */
export function compileRule(definition: RuleDefinition, known?: StartOffsetTable): Outcome<CompiledRule> {
  const errors: string[] = [];
  const { path, content } = definition;
  /** Globs as the path matcher compares them: in lower case when the rule ignores case. */
  const asMatched = (globs: string[]) => (path?.ignore_case ? globs.map((g) => g.toLowerCase()) : globs);
  let contentMatcher: ContentMatcher | undefined;
  if (content) {
    const isProven = known !== undefined && Object.hasOwn(known, definition.id);
    const built = isProven ? undefined : compileContentRegexes(content);
    if (built && !built.ok) errors.push(...built.errors);
    if (!content.pattern.includes('(?<secret>')) errors.push('content.pattern: needs a named group (?<secret>…) around the secret');
    const keywords = (content.keywords ?? []).map((k) => k.toLowerCase());
    if (errors.length === 0) contentMatcher = new LazyContent(definition, content, keywords, isProven ? known[definition.id] : undefined, built?.ok ? built.value : undefined);
  }
  if (errors.length > 0) return fail(...errors);
  return ok({
    id: definition.id,
    name: definition.name,
    category: definition.category,
    severity: definition.severity,
    severityInConfig: definition.severity_in_config,
    description: definition.description,
    remediation: definition.remediation,
    provider: definition.provider,
    matchesPath: path ? compileGlobs(path.include, path.exclude, path.ignore_case) : undefined,
    pathGlobs: path && asMatched(path.include),
    pathExcludeGlobs: path?.exclude && asMatched(path.exclude),
    isPathCaseless: path?.ignore_case,
    content: contentMatcher,
  });
}

/** Compiles loaded definitions; the pure step from syntax to runnable rules. `known`: see compileRule. */
export function compileRules(definitions: RuleDefinition[], known?: StartOffsetTable): Outcome<CompiledRule[]> {
  const errors: string[] = [];
  const compiled: CompiledRule[] = [];
  for (const definition of definitions) {
    const result = compileRule(definition, known);
    if (result.ok) compiled.push(result.value);
    else errors.push(...result.errors.map((e) => `${definition.file}: rule ${definition.id}: ${e}`));
  }
  return errors.length > 0 ? fail(...errors) : ok(compiled);
}
