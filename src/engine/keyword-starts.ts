import type { CompiledRule } from '../model/rule.js';
import { KeywordHits } from './prefilter.js';

/**
 * Trying a rule at one position costs about as much as scanning this many characters: with
 * more places to try than the text's length divided by it, one pass over the whole text wins.
 */
export const STICKY_COST = 64;

/**
 * The positions where a match of the rule can begin in a text, ascending: each occurrence of
 * one of its keywords minus the offsets its pattern allows. Undefined when the whole text must
 * be scanned: the rule is not anchored at its keywords, a keyword occurred too often for its
 * positions to be complete, or there are so many places that a full pass is cheaper.
 */
export function keywordStarts(rule: CompiledRule, hits: KeywordHits, textLength: number): number[] | undefined {
  const offsets = rule.content?.startOffsets();
  if (!offsets) return undefined;
  const starts: number[] = [];
  // Positions come ascending per keyword: most rules have one keyword present, and need no sort.
  let isAscending = true;
  for (const [keyword, distances] of offsets) {
    if (!hits.has(keyword)) continue;
    if (hits.dense.has(keyword)) return undefined;
    for (const position of hits.positions.get(keyword) ?? []) {
      for (const distance of distances) {
        if (position < distance) continue;
        const start = position - distance;
        if (isAscending && starts.length > 0 && start < starts[starts.length - 1]!) isAscending = false;
        starts.push(start);
      }
    }
    if (starts.length * STICKY_COST > textLength) return undefined;
  }
  return isAscending ? starts : starts.sort((a, b) => a - b);
}

/**
 * The keyword hits of a text's bytes with positions counted in UTF-16 code units of the
 * decoded text, as regexes count them. Keywords are ASCII, and an ASCII byte stands for itself
 * in UTF-8 (also beside broken sequences, which decode to U+FFFD), so the n-th occurrence of a
 * keyword in the bytes is its n-th occurrence in the text: found by native searches in the
 * lower-cased text, with no string made per position. Undefined when lower-casing changed the
 * text's length (a character such as U+0130 lower-cases to two units) or an occurrence is
 * missing: the caller then scans whole texts.
 */
function isAscii(text: string, at: number, length: number): boolean {
  for (let i = at; i < at + length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

export function charPositions(hits: KeywordHits, text: string): KeywordHits | undefined {
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return undefined;
  const converted = new KeywordHits(hits);
  for (const keyword of hits.dense) converted.dense.add(keyword);
  for (const [keyword, positions] of hits.positions) {
    const found: number[] = [];
    for (let at = lower.indexOf(keyword); at !== -1 && found.length < positions.length; at = lower.indexOf(keyword, at + 1)) {
      // Not where a non-ASCII character lower-cased to an ASCII letter (the Kelvin sign to `k`): the bytes hold no keyword there.
      if (isAscii(text, at, keyword.length)) found.push(at);
    }
    if (found.length < positions.length) return undefined;
    converted.positions.set(keyword, found);
  }
  return converted;
}
