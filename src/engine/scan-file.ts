import { CATEGORY_IMPACT, CATEGORY_REMEDIATION } from '../model/categories.js';
import type { FileFinding } from '../model/finding.js';
import type { CompiledRule } from '../model/rule.js';
import { SEVERITY_RANK } from '../model/severity.js';
import { allowCommentAt } from './allow-comments.js';
import { contextFor, factsOf, secretlintFacts, type RuleFacts } from './context/index.js';
import { base64Decoder, DECODE_LIMITS, DECODERS, looksEncodedWhole, type Decoder } from './decoders/index.js';
import { decodeText, detectEncoding } from './decode.js';
import { createLocator } from './locate.js';
import { fingerprint, maskSecret, secretIdentity } from './mask.js';
import { anchorStarts, charPositions, foundStarts, keywordStarts } from './keyword-starts.js';
import { findHits, type Hit } from './match-content.js';
import { createMatcherIndex, escapeRegex } from './name-matcher.js';
import type { KeywordHits } from './prefilter.js';
import type { RuleSet } from './rule-set.js';
import { runSecretlint } from './run-secretlint.js';
import { shortSecretlintId, type SecretlintRule } from './secretlint-rules.js';

export interface EngineOptions {
  showSecrets: boolean;
  /** Try anchored rules only where their keywords occur (default on; tests compare it with whole-text scans). */
  useKeywordStarts?: boolean;
}

function describe(rule: CompiledRule): Pick<FileFinding, 'ruleId' | 'category' | 'severity' | 'message' | 'remediation' | 'isSpecific'> {
  return {
    isSpecific: rule.provider !== undefined,
    ruleId: rule.id,
    category: rule.category,
    severity: rule.severity,
    message: `${rule.name}: ${rule.description}`,
    remediation: rule.remediation,
  };
}

/** A hit's description; a count of values (`min_count`) says how many the file holds. */
function describeHit(hit: Hit): ReturnType<typeof describe> {
  const about = describe(hit.rule);
  if (hit.isChecksumFailure) {
    return {
      ...about,
      severity: 'info',
      message: `Shaped like a ${hit.rule.name}, but its checksum fails: not a real token (made up, mistyped or cut short), so nothing an attacker could use.`,
      remediation: 'Nothing to rotate. If you meant to test airlock, use a token with a valid checksum.',
    };
  }
  if (hit.count === undefined) return about;
  return { ...about, message: `${hit.rule.name}: ${hit.count} distinct values in this file (the first is shown). ${hit.rule.description}` };
}

/**
 * The names a path rule is tested against: the path inside the root, and the same path under
 * the root's own folder name, so that a glob for `.aws/credentials` still matches when the user mounts
 * `~/.aws` itself and the file is just `credentials`.
 */
export function pathCandidates(path: string, rootName: string): string[] {
  return rootName ? [path, `${rootName}/${path}`] : [path];
}

/** Whether any path rule could apply to one of the candidate names: a cheap test most files fail. */
const mayMatchSomeRule = (ruleSet: RuleSet, candidates: string[]) => candidates.some((c) => ruleSet.mayMatchSomeRule(c));

/**
 * The path rules and path-gated content rules that apply to a file, and what follows from them.
 * One object per set of path blocks that match, shared by every file they match: not to be changed.
 */
export interface PathRules {
  readonly pathRules: readonly CompiledRule[];
  readonly gatedRules: readonly CompiledRule[];
  /** The gated rules that do not apply to every path: their keywords are searched by a prefilter made for them. */
  readonly gatedHere: readonly CompiledRule[];
  /** Whether a gated rule without keywords applies: it runs whatever the prefilter finds. */
  readonly hasUnkeyedRule: boolean;
}

/**
 * Rules with the same path block share one matcher (see `rules/compile.ts`): each matcher is
 * asked once per name, not once per rule, and only the matchers an index of their globs keeps
 * for the file's base name (a JSON file is not asked about `shadow` or `*.pdf`). The answer is
 * kept per set of matchers that take the file. Kept per rule list.
 */
interface PathMatchers {
  matchers: ((path: string) => boolean)[];
  /** The places in `matchers` worth asking about a base name. */
  pick: (basename: string) => number[];
  answers: Map<string, PathRules>;
}

const pathMatchersOf = new WeakMap<readonly CompiledRule[], PathMatchers>();

function pathMatchers(rules: readonly CompiledRule[]): PathMatchers {
  const first = new Map<(path: string) => boolean, CompiledRule>();
  for (const rule of rules) if (!first.has(rule.matchesPath!)) first.set(rule.matchesPath!, rule);
  const entries = [...first];
  const pick = createMatcherIndex(entries.map(([, rule], place) => ({ matcher: place, globs: rule.pathGlobs ?? ['**'], isCaseless: rule.isPathCaseless ?? false })));
  return { matchers: entries.map(([matcher]) => matcher), pick, answers: new Map() };
}

function answerOf(ruleSet: RuleSet, rules: readonly CompiledRule[], matching: ReadonlySet<(path: string) => boolean>): PathRules {
  const applicable = rules.filter((rule) => matching.has(rule.matchesPath!));
  const gatedRules = applicable.filter((r) => r.content);
  return {
    pathRules: applicable.filter((r) => !r.content),
    gatedRules,
    gatedHere: gatedRules.filter((rule) => !ruleSet.everyPathRules.includes(rule)),
    hasUnkeyedRule: ruleSet.unkeyedRules.some((rule) => gatedRules.includes(rule)),
  };
}

export function rulesForPath(ruleSet: RuleSet, path: string, rootName = ''): PathRules {
  // Most roots' names match no glob's folder: the path alone decides, each matcher asked once.
  const candidates = pathCandidates(path, rootName && ruleSet.isRootNameSeen(rootName) ? rootName : '');
  const rules = mayMatchSomeRule(ruleSet, candidates) ? ruleSet.pathSensitiveRules : ruleSet.everyPathRules;
  let known = pathMatchersOf.get(rules);
  if (!known) pathMatchersOf.set(rules, (known = pathMatchers(rules)));
  // The candidate names share one base name.
  let key = '';
  for (const place of known.pick(path.slice(path.lastIndexOf('/') + 1))) if (candidates.some((c) => known.matchers[place]!(c))) key += `${place},`;
  let answer = known.answers.get(key);
  if (!answer) {
    answer = answerOf(ruleSet, rules, new Set(key.split(',').filter(Boolean).map((place) => known.matchers[Number(place)]!)));
    known.answers.set(key, answer);
  }
  return answer;
}

/** Findings about a whole file, decided from its path alone (no read needed). */
export function matchPath(ruleSet: RuleSet, path: string, rootName = '', applicable = rulesForPath(ruleSet, path, rootName)): FileFinding[] {
  return applicable.pathRules.map((rule) => ({ ...describe(rule), path, fingerprint: fingerprint(rule.id, `path:${path}`) }));
}

/** How a hit in decoded text is told: "(decoded from percent-encoding, then base64) GitHub…". */
function decodedMessage(label: string, message: string): string {
  return message.startsWith('(decoded from ') ? `(decoded from ${label}, then ${message.slice('(decoded from '.length)}` : `(decoded from ${label}) ${message}`;
}

/** The decoders one of whose triggers is present; base64 also when the text may be one value (or was decoded). */
const decodersFor = (present: ReadonlySet<string>, isBase64Likely: boolean) =>
  DECODERS.filter((d) => (d === base64Decoder && isBase64Likely) || d.triggers.some((k) => present.has(k)));

/**
 * Hits inside encoded values (base64, percent-encoding, escapes…), decoded and scanned again
 * by every decoder, up to DECODE_LIMITS.depth deep. Each hit stands where its secret was written
 * in the outermost encoded value (or at the value's start, when that is not known) and spans to
 * the value's `end`; its message says how it was decoded.
 */
function findDecodedHits(ruleSet: RuleSet, text: string, gated: readonly CompiledRule[], decoders: readonly Decoder[], budget: { bytes: number }, depth: number) {
  const found: { rule: CompiledRule; index: number; end: number; secret: string; about: ReturnType<typeof describe> }[] = [];
  for (const decoder of decoders) {
    for (const encoded of decoder.find(text, budget)) {
      const prefix = encoded.key ? `${encoded.key}: ` : '';
      const inner = prefix + encoded.decoded;
      // Where a hit in the decoding was written in the text: on the secret's first escape when known.
      const at = (index: number) => encoded.start + (index > prefix.length && encoded.origin ? encoded.origin(index - prefix.length) : 0);
      const present = ruleSet.prefilter(Buffer.from(inner));
      const innerHits = [
        // Counting values (min_count) is about a whole file, not a value decoded inside it.
        ...activeRules(ruleSet, present, gated).filter((rule) => rule.content!.minCount === undefined).flatMap((rule) => findHits(inner, rule).map((hit) => ({ ...hit, about: describe(rule) }))),
        ...(depth < DECODE_LIMITS.depth ? findDecodedHits(ruleSet, inner, gated, decodersFor(present, true), budget, depth + 1) : []),
      ];
      for (const hit of innerHits) {
        const about = { ...hit.about, message: decodedMessage(decoder.label, hit.about.message) };
        found.push({ rule: hit.rule, index: at(hit.index), end: encoded.end, secret: hit.secret, about });
      }
    }
  }
  return found;
}

/** Scratch marks, one per rule, reused from file to file (each array belongs to one index). */
const scratchMarks = new WeakMap<Map<string, number[]>, Uint8Array>();

/**
 * The places (ascending) of the rules one of whose keywords is present, from an index of
 * keyword → places. Read in order from marks between the lowest and highest place found,
 * not sorted: this runs for every file.
 */
function placesOfPresent(byKeyword: Map<string, number[]>, ruleCount: number, present: ReadonlySet<string>): number[] {
  let marks = scratchMarks.get(byKeyword);
  if (!marks) scratchMarks.set(byKeyword, (marks = new Uint8Array(ruleCount)));
  let low = ruleCount;
  let high = -1;
  for (const keyword of present) {
    for (const place of byKeyword.get(keyword) ?? []) {
      marks[place] = 1;
      if (place < low) low = place;
      if (place > high) high = place;
    }
  }
  const places: number[] = [];
  for (let place = low; place <= high; place++) {
    if (marks[place] === 0) continue;
    marks[place] = 0;
    places.push(place);
  }
  return places;
}

/** The content rules one of whose keywords is present, in rule order; path-gated ones only if they apply. */
function activeRules(ruleSet: RuleSet, present: ReadonlySet<string>, gated: readonly CompiledRule[]): CompiledRule[] {
  const active: CompiledRule[] = [];
  for (const place of placesOfPresent(ruleSet.rulesByKeyword, ruleSet.keywordRules.length, present)) {
    const rule = ruleSet.keywordRules[place]!;
    if (!rule.matchesPath || gated.includes(rule)) active.push(rule);
  }
  // Rules without keywords run on every file their path selects.
  for (const rule of ruleSet.unkeyedRules) if (gated.includes(rule)) active.push(rule);
  return active;
}

interface Span {
  start: number;
  end: number;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Whether the keywords occur (in any case, as the prefilter finds them), each occurrence in a span `isDecided` takes. */
function keywordsDecided(text: string, keywords: readonly string[], isDecided: (span: Span) => boolean): boolean {
  let found = 0;
  for (const keyword of keywords) {
    const occurrences = new RegExp(escapeRegex(keyword), 'gi');
    for (let m = occurrences.exec(text); m !== null; m = occurrences.exec(text), found++) {
      if (!isDecided({ start: m.index, end: m.index + keyword.length })) return false;
    }
  }
  return found > 0;
}

/**
 * secretlint's rules one of whose keywords is present, in order, less those their gate turns
 * away and those that could only report where `isDecided` (a span our rules reported or
 * rejected, where a secretlint hit is dropped): a token our rules know costs no secretlint run.
 */
function activeSecretlintRules(ruleSet: RuleSet, present: ReadonlySet<string>, text: string, isDecided: (span: Span) => boolean): SecretlintRule[] {
  const places = placesOfPresent(ruleSet.secretlintByKeyword, ruleSet.secretlintRules.length, present);
  return places
    .map((place) => ruleSet.secretlintRules[place]!)
    .filter((rule) => (rule.gate?.test(text) ?? true) && !(rule.keywordInReport && keywordsDecided(text, rule.keywords, isDecided)));
}

type About = ReturnType<typeof describe>;

/** A hit that passed the context stage, with the severity and message it settled on. */
interface Candidate {
  about: About;
  index: number;
  secret: string;
  span: Span;
  isDecoded: boolean;
  /** A count of values in the file (`min_count`), not one value. */
  isCount?: boolean;
}

const weight = (about: About) => SEVERITY_RANK[about.severity] * 2 + Number(about.isSpecific ?? false);

/**
 * One secret, one finding: an encoded value (base64, percent-encoding, escapes…) matched as it
 * stands and the secret found inside its decoding are the same exposure. The weightier of the
 * two is kept (the decoded one, when equal: it says what the value holds).
 */
function oneSecretOnce(candidates: Candidate[]): Candidate[] {
  const direct = candidates.filter((c) => !c.isDecoded);
  const kept = new Set(candidates);
  for (const decoded of candidates.filter((c) => c.isDecoded)) {
    for (const raw of direct.filter((d) => kept.has(d) && overlaps(d.span, decoded.span))) {
      if (SEVERITY_RANK[decoded.about.severity] >= SEVERITY_RANK[raw.about.severity]) kept.delete(raw);
      else kept.delete(decoded);
    }
  }
  return candidates.filter((c) => kept.has(c));
}

/**
 * Findings in one file's content. The raw secret never leaves this function unless the user
 * asked for secrets: masking happens here, before anything downstream sees a value.
 */
export async function scanContent(
  ruleSet: RuleSet,
  path: string,
  bytes: Uint8Array,
  options: EngineOptions,
  rootName = '',
  applicable = rulesForPath(ruleSet, path, rootName),
): Promise<FileFinding[]> {
  const encoding = detectEncoding(bytes);
  if (encoding === 'binary') return [];
  // The prefilters read bytes: UTF-8 files are decoded only when a keyword occurs in them.
  let text = encoding === 'utf8' ? undefined : decodeText(bytes, encoding);
  const searchable = text === undefined ? bytes : Buffer.from(text);
  const gated = applicable.gatedRules;
  const present = ruleSet.prefilter(searchable);
  if (applicable.gatedHere.length > 0) {
    const more = ruleSet.gatedPrefilter(applicable.gatedHere)(searchable);
    for (const keyword of more) present.add(keyword);
    for (const [keyword, positions] of more.positions) present.positions.set(keyword, positions);
    for (const keyword of more.dense) present.dense.add(keyword);
  }
  const isEncodedWhole = looksEncodedWhole(searchable);
  if (present.size === 0 && !isEncodedWhole && !applicable.hasUnkeyedRule) return [];
  text ??= decodeText(bytes, 'utf8');
  const ownRules = activeRules(ruleSet, present, gated);
  const vetoes: Span[] = [];
  // Keyword positions are byte offsets: the same as character positions only in ASCII text;
  // otherwise they are converted, once, when a rule is found to gain from them.
  const isAscii = text.length === searchable.length;
  let positioned: KeywordHits | undefined | null = null;
  const startsAtKeywords = (rule: CompiledRule) => {
    if (isAscii) return keywordStarts(rule, present, text!.length);
    if (!keywordStarts(rule, present, text!.length)) return undefined;
    positioned ??= charPositions(present, searchable, text!.length);
    return positioned ? keywordStarts(rule, positioned, text!.length) : undefined;
  };
  // Where a rule is tried: where its own pass points, else at its keywords, else where its fixed characters stand.
  const startsFor = (rule: CompiledRule) => {
    if (options.useKeywordStarts === false) return undefined;
    if (rule.content!.findStarts) return foundStarts(rule, text!);
    return startsAtKeywords(rule) ?? anchorStarts(rule, text!);
  };
  // The stages, in order: match (our rules, decoded values, secretlint) → plausibility
  // and context, one policy for every source → one secret once → findings (masked here).
  const hits = ownRules.flatMap((rule) => findHits(text!, rule, vetoes, startsFor(rule)).map((hit) => ({ ...hit, about: describeHit(hit) })));
  const decoders = decodersFor(present, isEncodedWhole);
  // A secret written plainly inside an encoded value (a token beside a `%2F`) is the raw hit already.
  const isPlain = (d: { rule: CompiledRule; index: number; secret: string }) => hits.some((h) => h.rule === d.rule && h.index === d.index && h.secret === d.secret);
  const decodedHits = decoders.length > 0 ? findDecodedHits(ruleSet, text, gated, decoders, { bytes: DECODE_LIMITS.decodedBytesPerFile }, 1).filter((d) => !isPlain(d)) : [];

  const judge = contextFor(path, text);
  const kept: Candidate[] = [];
  const consider = (candidate: Omit<Candidate, 'isDecoded'>, facts: RuleFacts, isDecoded = false, isChecksumFailure = false) => {
    const judged = judge({ facts, severity: candidate.about.severity, index: candidate.index, secret: candidate.secret, isDecoded, isChecksumFailure });
    // A value judged not a secret vetoes its span: no other source may raise it.
    if (judged === undefined) return void vetoes.push(candidate.span);
    const message = judged.reason ? `(${judged.reason}) ${candidate.about.message}` : candidate.about.message;
    const { about, index, secret, span } = candidate;
    kept.push({ about: { ...about, severity: judged.severity, message }, index, secret, span, isDecoded, isCount: candidate.isCount });
  };
  for (const hit of hits) consider({ ...hit, span: { start: hit.index, end: hit.index + hit.secret.length }, isCount: hit.count !== undefined }, factsOf(hit.rule), false, hit.isChecksumFailure);
  for (const hit of decodedHits) consider({ ...hit, span: { start: hit.index, end: hit.end } }, factsOf(hit.rule), true);
  // Our rules know more (an encrypted key is REVIEW, a bad checksum is no token): a secretlint
  // hit overlapping one of our hits, or a span one of our rules rejected, is not reported
  // again. (By span, not by line: a minified file is one line.)
  const ownSpans = kept.map((c) => c.span);
  const isDecided = (span: Span) => ownSpans.some((own) => overlaps(own, span)) || vetoes.some((v) => overlaps(v, span));
  const lintHits = await runSecretlint(activeSecretlintRules(ruleSet, present, text, isDecided), text, path);
  for (const hit of lintHits) {
    const span = hit.range;
    if (isDecided(span)) continue;
    const ruleId = shortSecretlintId(hit.rule.id);
    const about = {
      ruleId,
      category: hit.rule.category,
      severity: 'block' as const,
      message: `Secret reported by secretlint's ${ruleId.slice('secretlint/'.length)} rule: ${CATEGORY_IMPACT[hit.rule.category]}`,
      remediation: CATEGORY_REMEDIATION[hit.rule.category],
    };
    consider({ about, index: hit.index, secret: hit.secret, span }, secretlintFacts(ruleId, hit.rule.category));
  }

  const locate = createLocator(text);
  const findings: FileFinding[] = [];
  const seen = new Set<string>();
  // One secret on one line is one finding: the weightiest rule speaks for it (after the context
  // stage, a provider's own rule may outweigh a generic one that matched first).
  const byWeight = oneSecretOnce(kept).sort((a, b) => weight(b.about) - weight(a.about));
  for (const { about, index, secret, isCount } of byWeight) {
    const { line, column } = locate(index);
    const key = `${line}\0${secret}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({
      ...about,
      path,
      line,
      column,
      secret: options.showSecrets ? secret : maskSecret(secret),
      // A count of values is about the file, not one value: it is known by its path and never merged with another file's.
      fingerprint: isCount ? fingerprint(about.ruleId, `values:${path}`) : fingerprint(about.ruleId, secret),
      secretId: isCount ? undefined : secretIdentity(secret),
      allowComment: allowCommentAt(text, index),
    });
  }
  return findings.sort((a, b) => a.line! - b.line! || a.column! - b.column!);
}
