import type { CompiledRule } from '../model/rule.js';
import { shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholders.js';

/** A raw match: the only place an unmasked secret exists, before masking turns it into a finding. */
export interface Hit {
  rule: CompiledRule;
  index: number;
  secret: string;
}

/** More hits than this for one rule in one file add nothing to the verdict. */
const MAX_HITS_PER_RULE = 50;

export function findHits(text: string, rule: CompiledRule): Hit[] {
  const matcher = rule.content;
  if (!matcher) return [];
  const hits: Hit[] = [];
  const regex = matcher.regex;
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text)) !== null && hits.length < MAX_HITS_PER_RULE) {
    if (match[0].length === 0) regex.lastIndex++;
    const secret = match.groups?.secret;
    if (!secret) continue;
    if (isPlaceholder(secret, matcher.allow)) continue;
    if (matcher.minEntropy > 0 && shannonEntropy(secret) < matcher.minEntropy) continue;
    hits.push({ rule, index: match.index + match[0].indexOf(secret), secret });
  }
  return hits;
}
