import { isUtf8 } from 'node:buffer';
import type { CompiledRule } from '../model/rule.js';
import { KeywordHits } from './prefilter.js';

/**
 * Trying a rule at one position costs about as much as scanning this many characters: with
 * more places to try than the text's length divided by it, one pass over the whole text wins.
 */
export const STICKY_COST = 64;

/** Whether trying a rule at this many places costs less than one pass over a text this long. */
const isCheaperThanWhole = (places: number, textLength: number) => places * STICKY_COST <= textLength;

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
    if (!isCheaperThanWhole(starts.length, textLength)) return undefined;
  }
  return isAscending ? starts : starts.sort((a, b) => a - b);
}

/**
 * For a rule that cannot be tried at its keywords (not anchored at them, or one of them too
 * common): the places where its fixed characters stand (`anchor`: a token's `_`, `.` or `:` at
 * a fixed distance into it), found with indexOf and each checked for the others, ascending.
 * Undefined when it has none, or when there are so many places that a full pass is cheaper.
 * The regex there is what a full pass does at those places; elsewhere a match cannot begin.
 */
export function anchorStarts(rule: CompiledRule, text: string): number[] | undefined {
  const anchor = rule.content?.anchor?.();
  if (!anchor) return undefined;
  const { text: fixed, offset, others } = anchor;
  const starts: number[] = [];
  for (let at = text.indexOf(fixed, offset); at !== -1; at = text.indexOf(fixed, at + 1)) {
    const start = at - offset;
    let isPlace = true;
    for (let o = 0; o < others.length && isPlace; o++) isPlace = text.charCodeAt(start + others[o]![0]) === others[o]![1];
    if (!isPlace) continue;
    starts.push(start);
    if (!isCheaperThanWhole(starts.length, text.length)) return undefined;
  }
  return starts;
}

/**
 * The places a rule with its own start finder (`findStarts`, named by its `content.starts`) is
 * tried in a text; undefined when it has none, or when so many that a full pass is cheaper.
 */
export function foundStarts(rule: CompiledRule, text: string): number[] | undefined {
  const find = rule.content?.findStarts;
  if (!find) return undefined;
  const starts = find(text);
  return isCheaperThanWhole(starts.length, text.length) ? starts : undefined;
}

/**
 * The keyword hits of UTF-8 bytes with positions counted in UTF-16 code units of the decoded
 * text, as regexes count them. Keywords are ASCII, so every position is a character boundary.
 * Valid UTF-8 is counted from its bytes: each continuation byte adds no unit and each four-byte
 * character two, so only the non-ASCII bytes are noted, and each position is moved by the
 * count before it. Broken UTF-8, which the decoder replaces in ways a count cannot follow, is
 * decoded piece by piece between positions. Undefined when the pieces do not add up to the
 * text (a BOM the decoder dropped): the caller then scans whole texts.
 */
export function charPositions(hits: KeywordHits, bytes: Uint8Array, textLength: number): KeywordHits | undefined {
  if (!isUtf8(bytes)) return charPositionsByPieces(hits, bytes, textLength);
  // Where the count of units moves away from the count of bytes, and how far it has moved.
  const at: number[] = [];
  const shift: number[] = [];
  let moved = 0;
  const note = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const byte = bytes[i]!;
      if (byte < 0x80) continue;
      if ((byte & 0xc0) === 0x80) moved--;
      else if (byte >= 0xf0) moved++;
      else continue;
      at.push(i);
      shift.push(moved);
    }
  };
  // Four bytes at a time where they lie aligned: most text is ASCII, and a word without a high
  // bit is skipped whole (the loop over every byte was 2% of a scan's CPU).
  const head = Math.min(bytes.length, (4 - (bytes.byteOffset % 4)) % 4);
  note(0, head);
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + head, (bytes.length - head) >> 2);
  for (let w = 0; w < words.length; w++) if ((words[w]! & 0x80808080) !== 0) note(head + w * 4, head + w * 4 + 4);
  note(head + words.length * 4, bytes.length);
  if (bytes.length + moved !== textLength) return undefined;
  // Each keyword's positions ascend: the search for the last change before one resumes where the last ended.
  return withPositions(hits, (positions) => {
    let k = -1;
    return positions.map((position) => {
      if (k >= 0 && at[k]! >= position) k = -1;
      while (k + 1 < at.length && at[k + 1]! < position) k++;
      return k < 0 ? position : position + shift[k]!;
    });
  });
}

/** The same keywords (dense ones too), each keyword's positions converted. */
function withPositions(hits: KeywordHits, convert: (positions: number[]) => number[]): KeywordHits {
  const converted = new KeywordHits(hits);
  for (const keyword of hits.dense) converted.dense.add(keyword);
  for (const [keyword, positions] of hits.positions) converted.positions.set(keyword, convert(positions));
  return converted;
}

function charPositionsByPieces(hits: KeywordHits, bytes: Uint8Array, textLength: number): KeywordHits | undefined {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const all = [...new Set([...hits.positions.values()].flat())].sort((a, b) => a - b);
  const byByte = new Map<number, number>();
  let units = 0;
  let previous = 0;
  for (const position of all) {
    units += buffer.toString('utf8', previous, position).length;
    byByte.set(position, units);
    previous = position;
  }
  units += buffer.toString('utf8', previous).length;
  if (units !== textLength) return undefined;
  return withPositions(hits, (positions) => positions.map((p) => byByte.get(p)!));
}
