import type { CompiledRule } from '../model/rule.js';
import { shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholders.js';
import { randomness } from './randomness/index.js';

/** A raw match: the only place an unmasked secret exists, before masking turns it into a finding. */
export interface Hit {
  rule: CompiledRule;
  index: number;
  secret: string;
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
  if (!matcher || !meetsRequires(text, rule)) return [];
  const hits: Hit[] = [];
  const judge = (match: RegExpExecArray) => {
    const secret = match.groups?.secret;
    if (!secret) return;
    const index = match.index + match[0].indexOf(secret);
    const isRejected =
      isPlaceholder(secret, matcher.allow) ||
      (matcher.minEntropy > 0 && shannonEntropy(secret) < matcher.minEntropy) ||
      (matcher.verify !== undefined && !matcher.verify(secret)) ||
      (matcher.minRandomness > 0 && randomness(secret) < matcher.minRandomness);
    if (isRejected) vetoes.push({ start: index, end: index + secret.length });
    else hits.push({ rule, index, secret });
  };
  if (starts) {
    // As a global scan would: the next match is looked for only past the end of the last one.
    const sticky = matcher.sticky();
    let resumeAt = 0;
    for (const start of starts) {
      if (start < resumeAt) continue;
      sticky.lastIndex = start;
      const match = sticky.exec(text);
      if (match === null) continue;
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
