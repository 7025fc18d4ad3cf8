import type { CompiledRule } from '../model/rule.js';
import { shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholders.js';
import { randomness } from './randomness/index.js';

/** A raw match: the only place an unmasked secret exists, before masking turns it into a finding. */
export interface Hit {
  rule: CompiledRule;
  index: number;
  secret: string;
  /** For a rule counting values (`min_count`): how many distinct values the file holds; `secret` is the first. */
  count?: number;
  /** Shaped like the rule's token but failing its checksum: not a real token, told as INFO. */
  isChecksumFailure?: boolean;
}

/** A file's distinct values are counted up to this many: enough to say how much is there. */
const MAX_COUNTED_VALUES = 100_000;

/**
 * One hit for the whole text when it holds at least `minCount` distinct values that pass the
 * rule's checks, standing at the first; none below. One address in a README is not personal
 * data by volume; a column of them is.
 */
function countValues(text: string, rule: CompiledRule, minCount: number): Hit[] {
  const matcher = rule.content!;
  const values = new Set<string>();
  let first: { index: number; secret: string } | undefined;
  const regex = matcher.regex;
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text)) !== null && values.size < MAX_COUNTED_VALUES) {
    if (match[0].length === 0) regex.lastIndex++;
    const secret = match.groups?.secret;
    if (!secret || values.has(secret)) continue;
    const isAllowed = matcher.isJudgedByVerifier ? matcher.allow.some((re) => re.test(secret)) : isPlaceholder(secret, matcher.allow);
    if (isAllowed || (matcher.verify !== undefined && !matcher.verify(secret))) continue;
    values.add(secret);
    first ??= { index: match.index + match[0].indexOf(secret), secret };
  }
  return first && values.size >= minCount ? [{ rule, ...first, count: values.size }] : [];
}

/** More hits than this for one rule in one file add nothing to the verdict. */
const MAX_HITS_PER_RULE = 50;

/** Whether every `requires` pattern of the rule occurs in the (whole) text. */
export function meetsRequires(text: string, rule: CompiledRule): boolean {
  return rule.content?.requires.every((required) => required.test(text)) ?? true;
}

/** Matches a rule looked at and judged not a secret (placeholder, checksum, entropy). */
export interface Veto {
  start: number;
  end: number;
}

/**
 * Every match of one rule in a text. Matches rejected as placeholders, by checksum, by
 * entropy or by randomness come back as vetoes: the same span must not be raised by another source either.
 * With `starts` (ascending), the rule is tried only at those positions, which must include
 * every place a match can begin: the result is the same as scanning the whole text.
 */
export function findHits(text: string, rule: CompiledRule, vetoes: Veto[] = [], starts?: readonly number[]): Hit[] {
  const matcher = rule.content;
  // A rule tried at its keywords' places finds most files hold no match: its `requires`, a
  // search of the whole text, is then looked for only once a match is found. A rule scanning
  // the whole text looks for them first, as they cost less than its own pattern.
  if (!matcher || (!starts && !meetsRequires(text, rule))) return [];
  // (A rule counting values has no places to try: it reads the whole text.)
  if (matcher.minCount !== undefined) return countValues(text, rule, matcher.minCount);
  const hits: Hit[] = [];
  const judge = (match: RegExpExecArray) => {
    const secret = match.groups?.secret;
    if (!secret) return;
    const index = match.index + match[0].indexOf(secret);
    const isRejected =
      (matcher.isJudgedByVerifier ? matcher.allow.some((re) => re.test(secret)) : isPlaceholder(secret, matcher.allow)) ||
      (matcher.minEntropy > 0 && shannonEntropy(secret) < matcher.minEntropy) ||
      (matcher.minRandomness > 0 && randomness(secret) < matcher.minRandomness);
    const failsVerify = !isRejected && matcher.verify !== undefined && !matcher.verify(secret);
    if (isRejected || failsVerify) vetoes.push({ start: index, end: index + secret.length });
    // A made-up or mistyped token (`ghp_` with a wrong CRC) is said, as INFO, so a user testing with one knows why it is no finding.
    if (failsVerify && matcher.isChecksum) hits.push({ rule, index, secret, isChecksumFailure: true });
    else if (!isRejected && !failsVerify) hits.push({ rule, index, secret });
  };
  if (starts) {
    // As a global scan would: the next match is looked for only past the end of the last one.
    const sticky = matcher.sticky();
    let isRequiresUnchecked = true;
    let resumeAt = 0;
    for (const start of starts) {
      if (start < resumeAt) continue;
      sticky.lastIndex = start;
      const match = sticky.exec(text);
      if (match === null) continue;
      if (isRequiresUnchecked) {
        isRequiresUnchecked = false;
        if (!meetsRequires(text, rule)) return [];
      }
      resumeAt = start + Math.max(match[0].length, 1);
      judge(match);
      if (hits.length >= MAX_HITS_PER_RULE) break;
    }
    return hits;
  }
  const regex = matcher.regex;
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text)) !== null && hits.length < MAX_HITS_PER_RULE) {
    if (match[0].length === 0) regex.lastIndex++;
    judge(match);
  }
  return hits;
}
