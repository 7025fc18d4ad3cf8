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
  for (const [keyword, distances] of offsets) {
    if (!hits.has(keyword)) continue;
    if (hits.dense.has(keyword)) return undefined;
    for (const position of hits.positions.get(keyword) ?? []) {
      for (const distance of distances) if (position >= distance) starts.push(position - distance);
    }
  }
  if (starts.length * STICKY_COST > textLength) return undefined;
  return starts.sort((a, b) => a - b);
}

/**
 * The keyword hits of UTF-8 bytes with positions counted in UTF-16 code units of the decoded
 * text, as regexes count them. Keywords are ASCII, so every position is a character boundary:
 * one pass over the bytes counts the code units before each (a continuation byte adds none, a
 * four-byte sequence's lead adds two: a surrogate pair). Undefined when a sequence is broken
 * (the decoder put U+FFFD there) or the count does not add up to the text (a BOM the decoder
 * dropped): the caller then scans whole texts.
 */
export function charPositions(hits: KeywordHits, bytes: Uint8Array, textLength: number): KeywordHits | undefined {
  const all = [...new Set([...hits.positions.values()].flat())].sort((a, b) => a - b);
  const byByte = new Map<number, number>();
  let units = 0;
  let at = 0;
  let pending = 0;
  /** Counts up to `end`; false at a broken sequence. */
  const countTo = (end: number) => {
    for (; at < end; at++) {
      const byte = bytes[at]!;
      if ((byte & 0xc0) === 0x80) {
        if (pending-- === 0) return false;
        continue;
      }
      if (pending !== 0 || byte >= 0xf8) return false;
      if (byte < 0x80) units++;
      else if (byte >= 0xf0) (units += 2), (pending = 3);
      else (units += 1), (pending = byte >= 0xe0 ? 2 : 1);
    }
    return true;
  };
  for (const position of all) {
    if (!countTo(position)) return undefined;
    byByte.set(position, units);
  }
  if (!countTo(bytes.length) || pending !== 0 || units !== textLength) return undefined;
  const converted = new KeywordHits(hits);
  for (const keyword of hits.dense) converted.dense.add(keyword);
  for (const [keyword, positions] of hits.positions) converted.positions.set(keyword, positions.map((p) => byByte.get(p)!));
  return converted;
}
