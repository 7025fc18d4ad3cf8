import { automatonFromImage, automatonImage, buildAutomaton, type Automaton } from './keyword-automaton.js';

/**
 * One pass over a file's bytes that tells which rule keywords occur in it, so that most files
 * are never decoded and run no rule regex at all. An Aho-Corasick automaton, made
 * deterministic, over byte classes that fold ASCII case: one table lookup per byte, whatever
 * the number of keywords (a combined case-insensitive regex was 3× slower and degrades as
 * rules are added).
 */
export interface Prefilter {
  (bytes: Uint8Array): KeywordHits;
  /** The automaton as bytes, for `createPrefilter` to take back in another run or thread. */
  image(): Uint8Array;
  /** Whether the automaton came from an image (false: it was built). */
  readonly isFromImage: boolean;
}

/** More occurrences than this and a keyword is "dense": its rules run on the whole text. */
export const MAX_KEYWORD_POSITIONS = 4096;

/**
 * The keywords found in a text, with where each occurs (byte offsets of its first character),
 * so that a rule can run only around its keywords. A keyword found too often is `dense` and
 * its positions are incomplete.
 */
export class KeywordHits extends Set<string> {
  readonly positions = new Map<string, number[]>();
  readonly dense = new Set<string>();
}

/**
 * Hits noted while two halves are read, as (row, end) pairs: past this many the first half's are
 * recorded and the second half is given up (the first is read on alone), so a file made of one
 * keyword costs no more memory than the positions kept.
 */
const MAX_DEFERRED = 2 * 16_384;

/**
 * One automaton's search, with what it reuses from file to file. A class, its code shared by
 * every prefilter alike: as a closure per prefilter, the code V8 made for the search served the
 * main prefilter's closure and the gated ones' together, and the main prefilter read the bench
 * tree's files 15% slower (262 against 302 MB/s in a scan; 510 against 570 MB/s outside one,
 * beside three small prefilters), its recording of hits most.
 */
class Search {
  private readonly automaton: Automaton;
  // The automaton's parts that recording reads, held here: one load each, not two.
  private readonly classCount: number;
  private readonly outputStarts: Int32Array;
  private readonly outputList: Int32Array;
  private readonly keywords: readonly string[];
  private readonly lengths: readonly number[];
  /** The second half is read from this far before its middle, so a keyword across it is found whole. */
  private readonly overlap: number;
  private readonly twoHalvesFrom: number;
  /**
   * Common keywords end a match thousands of times in one file: each output state records at
   * most MAX_KEYWORD_POSITIONS + 1 hits (one more marks it dense), then is only skipped.
   */
  private readonly counts: Uint16Array;
  private readonly touched: number[] = [];
  /** Positions per keyword index while a file is read; turned into KeywordHits at its end. */
  private readonly found: (number[] | undefined)[];
  private readonly foundKeywords: number[] = [];
  private readonly firstHits: number[] = [];
  private readonly secondHits: number[] = [];

  constructor(automaton: Automaton, keywords: readonly string[]) {
    this.automaton = automaton;
    this.classCount = automaton.classCount;
    this.outputStarts = automaton.outputStarts;
    this.outputList = automaton.outputList;
    this.keywords = keywords;
    this.lengths = keywords.map((k) => Buffer.byteLength(k, 'latin1'));
    this.overlap = Math.max(...this.lengths) - 1;
    this.twoHalvesFrom = Math.max(256, 4 * (this.overlap + 1));
    this.counts = new Uint16Array(automaton.outputStarts.length - 1);
    this.found = new Array<number[] | undefined>(keywords.length).fill(undefined);
  }

  /** The keywords that end at byte `end`, the automaton having reached `row` there. */
  private record(row: number, end: number): void {
    const outputStarts = this.outputStarts;
    const outputList = this.outputList;
    const index = row / this.classCount;
    const count = this.counts[index]!;
    if (count > MAX_KEYWORD_POSITIONS) return;
    if (count === 0) this.touched.push(index);
    this.counts[index] = count + 1;
    const found = this.found;
    for (let o = outputStarts[index]!, past = outputStarts[index + 1]!; o < past; o++) {
      const k = outputList[o]!;
      let positions = found[k];
      if (positions === undefined) {
        positions = found[k] = [];
        this.foundKeywords.push(k);
      }
      if (positions.length <= MAX_KEYWORD_POSITIONS) positions.push(end - this.lengths[k]! + 1);
    }
  }

  private recordAll(pairs: number[]): void {
    for (let d = 0; d < pairs.length; d += 2) this.record(pairs[d]!, pairs[d + 1]!);
    pairs.length = 0;
  }

  search(bytes: Uint8Array): KeywordHits {
    const n = bytes.length;
    // Locals, not fields: the loops below read them on every byte.
    const { classes: byteClass, table: next, firstOutputRow: firstOutput } = this.automaton;
    const firstHits = this.firstHits;
    const secondHits = this.secondHits;
    let row = 0;
    let i = 0;
    // Each step waits on the table read of the step before: a large file is read as two halves
    // side by side, two independent chains of reads the processor overlaps (over the bench
    // tree's files the loop is 2.4× faster, 1.3× with the recording). Hits are noted in the loop
    // and recorded after it, the first half's first.
    if (n >= this.twoHalvesFrom) {
      const half = n >> 1;
      const secondStart = half - this.overlap;
      let second = 0;
      for (; i < half; i++) {
        row = next[row + byteClass[bytes[i]!]!]!;
        second = next[second + byteClass[bytes[secondStart + i]!]!]!;
        if (row >= firstOutput) {
          firstHits.push(row, i);
          if (firstHits.length >= MAX_DEFERRED) this.recordAll(firstHits);
        }
        if (second >= firstOutput) {
          secondHits.push(second, secondStart + i);
          if (secondHits.length >= MAX_DEFERRED) break;
        }
      }
      this.recordAll(firstHits);
      if (i === half) {
        for (let j = secondStart + half; j < n; j++) {
          second = next[second + byteClass[bytes[j]!]!]!;
          if (second >= firstOutput) secondHits.push(second, j);
        }
        // The overlap's hits were the first half's.
        for (let d = 0; d < secondHits.length; d += 2) if (secondHits[d + 1]! >= half) this.record(secondHits[d]!, secondHits[d + 1]!);
        i = n;
      } else i++;
      secondHits.length = 0;
    }
    for (; i < n; i++) {
      row = next[row + byteClass[bytes[i]!]!]!;
      if (row >= firstOutput) this.record(row, i);
    }
    return this.collect();
  }

  /** The hits of the text just read, and everything reset for the next. */
  private collect(): KeywordHits {
    const hits = new KeywordHits();
    const found = this.found;
    for (const k of this.foundKeywords) {
      const keyword = this.keywords[k]!;
      const positions = found[k]!;
      hits.add(keyword);
      if (positions.length > MAX_KEYWORD_POSITIONS) {
        hits.dense.add(keyword);
        positions.length = MAX_KEYWORD_POSITIONS;
      }
      hits.positions.set(keyword, positions);
      found[k] = undefined;
    }
    this.foundKeywords.length = 0;
    for (const index of this.touched) this.counts[index] = 0;
    this.touched.length = 0;
    return hits;
  }
}

/**
 * `image`: the bytes of an earlier prefilter's `image()`, used when it was made for the same
 * keywords and is whole (its digest checks out); otherwise the automaton is built.
 */
export function createPrefilter(keywords: Iterable<string>, image?: Uint8Array): Prefilter {
  const unique = [...new Set([...keywords].map((k) => k.toLowerCase()))];
  const restored = image && automatonFromImage(unique, image);
  const automaton = restored ?? buildAutomaton(unique);
  let kept = restored ? image : undefined;
  const keep = () => (kept ??= automatonImage(unique, automaton));
  if (unique.length === 0) return Object.assign(() => new KeywordHits(), { image: keep, isFromImage: restored !== undefined });
  const search = new Search(automaton, unique);
  return Object.assign((bytes: Uint8Array) => search.search(bytes), { image: keep, isFromImage: restored !== undefined });
}
