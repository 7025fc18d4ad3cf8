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
 * One automaton's search, with what it reuses from file to file: the bytes are read by `read`
 * (see `mainReader` and `readPlain`), which notes hits as (row, end) pairs; `record` turns them
 * into positions per keyword, `collect` into the file's KeywordHits.
 */
class Search {
  readonly automaton: Automaton;
  // The automaton's parts that recording reads, held here: one load each, not two.
  private readonly classCount: number;
  private readonly outputStarts: Int32Array;
  private readonly outputList: Int32Array;
  private readonly keywords: readonly string[];
  private readonly lengths: readonly number[];
  /** The second half is read from this far before its middle, so a keyword across it is found whole. */
  readonly overlap: number;
  readonly twoHalvesFrom: number;
  /**
   * Common keywords end a match thousands of times in one file: each output state records at
   * most MAX_KEYWORD_POSITIONS + 1 hits (one more marks it dense), then is only skipped.
   */
  private readonly counts: Uint16Array;
  private readonly touched: number[] = [];
  /** Positions per keyword index while a file is read; turned into KeywordHits at its end. */
  private readonly found: (number[] | undefined)[];
  private readonly foundKeywords: number[] = [];
  /** Hits noted while the bytes are read, (row, end) pairs; the second half's have room for its last `overlap` bytes. */
  readonly firstHits: Int32Array;
  readonly secondHits: Int32Array;
  private readonly read: (bytes: Uint8Array) => void;

  constructor(automaton: Automaton, keywords: readonly string[], isMain: boolean) {
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
    this.firstHits = new Int32Array(MAX_DEFERRED);
    this.secondHits = new Int32Array(MAX_DEFERRED + 2 * this.overlap + 2);
    this.read = isMain ? mainReader(this) : (bytes) => this.readPlain(bytes);
  }

  /** The keywords that end at byte `end`, the automaton having reached `row` there. */
  record(row: number, end: number): void {
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

  /** Records the first `count` entries of `pairs` ((row, end) pairs) and returns 0, the count left. */
  recordAll(pairs: Int32Array, count: number): number {
    for (let d = 0; d < count; d += 2) this.record(pairs[d]!, pairs[d + 1]!);
    return 0;
  }

  search(bytes: Uint8Array): KeywordHits {
    this.read(bytes);
    return this.collect();
  }

  /** One chain of table reads over the bytes: for the gated prefilters, whose automata are small. */
  private readPlain(bytes: Uint8Array): void {
    const { classes: byteClass, table: next, firstOutputRow: firstOutput } = this.automaton;
    const hits = this.firstHits;
    let count = 0;
    let row = 0;
    for (let i = 0; i < bytes.length; i++) {
      row = next[row + byteClass[bytes[i]!]!]!;
      if (row >= firstOutput) {
        hits[count++] = row;
        hits[count++] = i;
        if (count === MAX_DEFERRED) count = this.recordAll(hits, count);
      }
    }
    this.recordAll(hits, count);
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
 * The main prefilter's reading of the bytes: a closure over its automaton. V8 compiles a
 * closure that is the only one ever made from its function literal for the values it holds, so
 * the tables' addresses and lengths are constants in the loop: over a fifth of the bench tree's
 * text files the bare loop read 430 MB/s so, 200–250 MB/s as a method reading fields or as one
 * of two closures (a second closure made later undoes it for the first), and the whole search
 * 205 → 285 MB/s. Hence this literal is instantiated once per thread, for the rule set's main
 * prefilter; the gated prefilters read with `readPlain`. Its last loop repeats `readPlain`'s on
 * purpose: calling that method would put the remainder back on the slower path.
 */
function mainReader(search: Search): (bytes: Uint8Array) => void {
  const { classes: byteClass, table: next, firstOutputRow: firstOutput } = search.automaton;
  const { firstHits, secondHits, overlap, twoHalvesFrom } = search;
  return (bytes) => {
    const n = bytes.length;
    let firstCount = 0;
    let secondCount = 0;
    let row = 0;
    let i = 0;
    // Each step waits on the table read of the step before: a large file is read as two halves
    // side by side, two independent chains of reads the processor overlaps (over the bench
    // tree's files the loop is 2.4× faster). Hits are noted in the loop, in typed arrays kept
    // from file to file, and recorded after it, the first half's first.
    if (n >= twoHalvesFrom) {
      const half = n >> 1;
      const secondStart = half - overlap;
      let second = 0;
      for (; i < half; i++) {
        row = next[row + byteClass[bytes[i]!]!]!;
        second = next[second + byteClass[bytes[secondStart + i]!]!]!;
        if (row >= firstOutput) {
          firstHits[firstCount++] = row;
          firstHits[firstCount++] = i;
          if (firstCount === MAX_DEFERRED) firstCount = search.recordAll(firstHits, firstCount);
        }
        if (second >= firstOutput) {
          secondHits[secondCount++] = second;
          secondHits[secondCount++] = secondStart + i;
          // Past this many the second half is given up, and the first read on alone.
          if (secondCount === MAX_DEFERRED) break;
        }
      }
      firstCount = search.recordAll(firstHits, firstCount);
      if (i === half) {
        // The second chain's last `overlap` bytes (the array has room for them).
        for (let j = secondStart + half; j < n; j++) {
          second = next[second + byteClass[bytes[j]!]!]!;
          if (second >= firstOutput) {
            secondHits[secondCount++] = second;
            secondHits[secondCount++] = j;
          }
        }
        // The overlap's hits were the first half's.
        for (let d = 0; d < secondCount; d += 2) if (secondHits[d + 1]! >= half) search.record(secondHits[d]!, secondHits[d + 1]!);
        i = n;
      } else i++;
    }
    for (; i < n; i++) {
      row = next[row + byteClass[bytes[i]!]!]!;
      if (row >= firstOutput) {
        firstHits[firstCount++] = row;
        firstHits[firstCount++] = i;
        if (firstCount === MAX_DEFERRED) firstCount = search.recordAll(firstHits, firstCount);
      }
    }
    search.recordAll(firstHits, firstCount);
  };
}

/**
 * `image`: the bytes of an earlier prefilter's `image()`, used when it was made for the same
 * keywords and is whole (its digest checks out); otherwise the automaton is built. `isMain`: the
 * thread's main prefilter (one per rule set), read by `mainReader`; the others read plainly.
 */
export function createPrefilter(keywords: Iterable<string>, image?: Uint8Array, options: { isMain?: boolean } = {}): Prefilter {
  const unique = [...new Set([...keywords].map((k) => k.toLowerCase()))];
  const restored = image && automatonFromImage(unique, image);
  const automaton = restored ?? buildAutomaton(unique);
  let kept = restored ? image : undefined;
  const keep = () => (kept ??= automatonImage(unique, automaton));
  if (unique.length === 0) return Object.assign(() => new KeywordHits(), { image: keep, isFromImage: restored !== undefined });
  const search = new Search(automaton, unique, options.isMain ?? false);
  return Object.assign((bytes: Uint8Array) => search.search(bytes), { image: keep, isFromImage: restored !== undefined });
}
