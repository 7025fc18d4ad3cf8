import { crc32 } from 'node:zlib';

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

interface Automaton {
  /** Byte → class; bytes no keyword uses share class 0, upper-case letters share their lower case. */
  classes: Uint8Array;
  classCount: number;
  /** (row + class) → the next state's row, a row being state × classCount. */
  table: Int32Array;
  /** States from this row on end a keyword: the states that do are numbered last. */
  firstOutputRow: number;
  /**
   * The keywords that end at each state (including by suffix): those of state s are
   * `outputList[outputStarts[s]]` up to `outputList[outputStarts[s + 1]]`. Two flat arrays, as
   * the image holds them: reading one back makes no array per state (5 ms of a git hook's start).
   */
  outputStarts: Int32Array;
  outputList: Int32Array;
}

/** Per-state keyword lists as the two flat arrays of an Automaton. */
function flatOutputs(outputs: readonly (readonly number[])[]): Pick<Automaton, 'outputStarts' | 'outputList'> {
  const outputStarts = new Int32Array(outputs.length + 1);
  outputs.forEach((list, state) => (outputStarts[state + 1] = outputStarts[state]! + list.length));
  return { outputStarts, outputList: Int32Array.from(outputs.flat()) };
}

function buildAutomaton(keywords: string[]): Automaton {
  const classes = new Uint8Array(256);
  let classCount = 1;
  // Keywords are matched on bytes: each character is taken as its low byte (latin1).
  const bytesOf = keywords.map((k) => {
    const bytes = new Uint8Array(k.length);
    for (let i = 0; i < k.length; i++) bytes[i] = k.charCodeAt(i) & 0xff;
    return bytes;
  });
  // Indexed loops, not for…of over Buffers: this runs once per start, before the code is
  // optimised, so no loop here visits every (state, class) cell: that took 23 ms of a git hook.
  for (const bytes of bytesOf) {
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (classes[byte] !== 0) continue;
      classes[byte] = classCount;
      if (byte >= 0x61 && byte <= 0x7a) classes[byte - 0x20] = classCount;
      classCount++;
    }
  }
  // The trie, in a flat table (state × class → child, 0 for none: the root is nobody's child),
  // and each state's children as a list (first child, next sibling; an edge is its child).
  const maxStates = bytesOf.reduce((sum, b) => sum + b.length, 1);
  const trie = new Int32Array(maxStates * classCount);
  const firstChild = new Int32Array(maxStates);
  const nextSibling = new Int32Array(maxStates);
  const edgeClass = new Int32Array(maxStates);
  const ends: number[][] = [[]];
  let states = 1;
  bytesOf.forEach((bytes, index) => {
    let state = 0;
    for (let i = 0; i < bytes.length; i++) {
      const c = classes[bytes[i]!]!;
      const slot = state * classCount + c;
      if (trie[slot] === 0) {
        const child = states++;
        trie[slot] = child;
        edgeClass[child] = c;
        nextSibling[child] = firstChild[state]!;
        firstChild[state] = child;
        ends.push([]);
      }
      state = trie[slot]!;
    }
    ends[state]!.push(index);
  });
  // Breadth first: each state's failure state (the longest proper suffix that is a trie state),
  // found by walking the parent's failure chain, and the keywords that end there.
  const fail = new Int32Array(states);
  const outputs: number[][] = new Array(states);
  outputs[0] = [];
  const queue = new Int32Array(states);
  let tail = 0;
  for (let child = firstChild[0]!; child !== 0; child = nextSibling[child]!) queue[tail++] = child;
  for (let head = 0; head < tail; head++) {
    const state = queue[head]!;
    const own = ends[state]!;
    const inherited = outputs[fail[state]!]!;
    outputs[state] = inherited.length === 0 ? own : own.length === 0 ? inherited : [...own, ...inherited];
    for (let child = firstChild[state]!; child !== 0; child = nextSibling[child]!) {
      const c = edgeClass[child]!;
      let f = fail[state]!;
      while (f !== 0 && trie[f * classCount + c] === 0) f = fail[f]!;
      fail[child] = trie[f * classCount + c]!;
      queue[tail++] = child;
    }
  }
  // States renumbered breadth first (the queue's order): the shallow states, where the search
  // spends nearly all its time, get neighbouring rows, so the part of the table in use stays in
  // the processor's cache (8% faster over the bench tree's files with 2,256 keywords; 16-bit
  // entries, which halve the table but need a multiplication per byte, were 40% slower). The
  // states that end a keyword come after all the others, so that telling one is a comparison
  // beside the chain of table reads, not a bit taken out of each entry on it (1.45× faster).
  const order = new Int32Array(states);
  let numbered = 1;
  for (let i = 0; i < tail; i++) if (outputs[queue[i]!]!.length === 0) order[queue[i]!] = numbered++;
  const firstOutput = numbered;
  for (let i = 0; i < tail; i++) if (outputs[queue[i]!]!.length > 0) order[queue[i]!] = numbered++;
  // The deterministic automaton, entries being rows: a state's row is its failure state's row
  // (complete already: failure states are shallower) with its own children written over it.
  const table = new Int32Array(states * classCount);
  const renumbered: number[][] = new Array(states);
  renumbered[0] = outputs[0]!;
  for (let child = firstChild[0]!; child !== 0; child = nextSibling[child]!) table[edgeClass[child]!] = order[child]! * classCount;
  for (let i = 0; i < tail; i++) {
    const state = queue[i]!;
    const row = order[state]! * classCount;
    renumbered[order[state]!] = outputs[state]!;
    const failRow = order[fail[state]!]! * classCount;
    table.copyWithin(row, failRow, failRow + classCount);
    for (let child = firstChild[state]!; child !== 0; child = nextSibling[child]!) table[row + edgeClass[child]!] = order[child]! * classCount;
  }
  return { classes, classCount, table, firstOutputRow: firstOutput * classCount, ...flatOutputs(renumbered) };
}

/**
 * The automaton as bytes, kept between runs by the caller (the rules cache): building it for
 * 2,300 keywords takes a git hook's main thread and each worker 15 ms, reading it back one.
 * Little-endian 32-bit words: a header, the byte classes, the table, where each state's
 * keywords begin in the list that follows, that list, then the keywords it was built for (JSON,
 * UTF-8), which a reader compares with its own: an image of other keywords is not used. Last,
 * the CRC-32 of all that: a damaged image is not used either (a wrong table entry would make
 * the prefilter miss keywords, and their rules never run). A checksum, not a signature: whoever
 * can write airlock's cache folder can write its rules there too. SHA-256 took 3 ms of the 3 MB.
 */
const IMAGE_MAGIC = 0x31465041; // "APF1"
const HEADER_WORDS = 7;
const DIGEST_BYTES = 4;
const digestOf = (bytes: Uint8Array) => {
  const digest = Buffer.alloc(DIGEST_BYTES);
  digest.writeUInt32LE(crc32(bytes));
  return digest;
};

function automatonImage(keywords: readonly string[], automaton: Automaton): Uint8Array {
  const { classes, classCount, table, firstOutputRow, outputStarts: starts, outputList: list } = automaton;
  const names = Buffer.from(JSON.stringify(keywords), 'utf8');
  const words = HEADER_WORDS + 64 + table.length + starts.length + list.length;
  const image = new Uint8Array(words * 4 + names.length + DIGEST_BYTES);
  const view = new Int32Array(image.buffer, 0, words);
  view.set([IMAGE_MAGIC, classCount, starts.length - 1, firstOutputRow, list.length, names.length, 1]);
  image.set(classes, HEADER_WORDS * 4);
  let at = HEADER_WORDS + 64;
  for (const part of [table, starts, list]) {
    view.set(part, at);
    at += part.length;
  }
  image.set(names, words * 4);
  image.set(digestOf(image.subarray(0, image.length - DIGEST_BYTES)), image.length - DIGEST_BYTES);
  return image;
}

function automatonFromImage(keywords: readonly string[], image: Uint8Array): Automaton | undefined {
  if (image.byteLength < (HEADER_WORDS + 64) * 4) return undefined;
  // A view needs 4-byte alignment; a buffer read from a file has it, a slice may not.
  const bytes = image.byteOffset % 4 === 0 ? image : image.slice();
  const header = new Int32Array(bytes.buffer, bytes.byteOffset, HEADER_WORDS);
  const [magic, classCount, states, firstOutputRow, listLength, namesLength, endianness] = header as unknown as number[];
  if (magic !== IMAGE_MAGIC || endianness !== 1 || classCount! < 1 || states! < 1) return undefined;
  const words = HEADER_WORDS + 64 + states! * classCount! + states! + 1 + listLength!;
  if (bytes.byteLength !== words * 4 + namesLength! + DIGEST_BYTES) return undefined;
  if (!digestOf(bytes.subarray(0, bytes.length - DIGEST_BYTES)).equals(bytes.subarray(bytes.length - DIGEST_BYTES))) return undefined;
  let names: unknown;
  try {
    names = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + words * 4, namesLength).toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(names) || names.length !== keywords.length || names.some((name, i) => name !== keywords[i])) return undefined;
  const view = new Int32Array(bytes.buffer, bytes.byteOffset, words);
  let at = HEADER_WORDS + 64;
  const table = view.subarray(at, (at += states! * classCount!));
  const outputStarts = view.subarray(at, (at += states! + 1));
  const outputList = view.subarray(at, at + listLength!);
  return { classes: bytes.slice(HEADER_WORDS * 4, (HEADER_WORDS + 64) * 4), classCount: classCount!, table, firstOutputRow: firstOutputRow!, outputStarts, outputList };
}

/**
 * Hits noted while two halves are read, as (row, end) pairs: past this many the first half's are
 * recorded and the second half is given up (the first is read on alone), so a file made of one
 * keyword costs no more memory than the positions kept.
 */
const MAX_DEFERRED = 2 * 16_384;

/**
 * `image`: the bytes of an earlier prefilter's `image()`, used when it was made for the same
 * keywords and is whole (its digest checks out); otherwise the automaton is built.
 */
export function createPrefilter(keywords: Iterable<string>, image?: Uint8Array): Prefilter {
  const unique = [...new Set([...keywords].map((k) => k.toLowerCase()))];
  const lengths = unique.map((k) => Buffer.byteLength(k, 'latin1'));
  const restored = image && automatonFromImage(unique, image);
  const automaton = restored ?? buildAutomaton(unique);
  const { classes, classCount, table, firstOutputRow, outputStarts, outputList } = automaton;
  let kept = restored ? image : undefined;
  const keep = () => (kept ??= automatonImage(unique, automaton));
  if (unique.length === 0) return Object.assign(() => new KeywordHits(), { image: keep, isFromImage: restored !== undefined });
  // The second half is read from this far before its middle, so a keyword across it is found whole.
  const overlap = Math.max(...lengths) - 1;
  const twoHalvesFrom = Math.max(256, 4 * (overlap + 1));
  // Common keywords end a match thousands of times in one file: each output state records at
  // most MAX_KEYWORD_POSITIONS + 1 hits (one more marks it dense), then is only skipped.
  const counts = new Uint16Array(outputStarts.length - 1);
  const touched: number[] = [];
  // Positions per keyword index while a file is read; turned into KeywordHits at its end.
  const found: (number[] | undefined)[] = new Array(unique.length).fill(undefined);
  const foundKeywords: number[] = [];
  const firstHits: number[] = [];
  const secondHits: number[] = [];
  /** The keywords that end at byte `end`, the automaton having reached `row` there. */
  const record = (row: number, end: number) => {
    const index = row / classCount;
    const count = counts[index]!;
    if (count > MAX_KEYWORD_POSITIONS) return;
    if (count === 0) touched.push(index);
    counts[index] = count + 1;
    for (let o = outputStarts[index]!, past = outputStarts[index + 1]!; o < past; o++) {
      const k = outputList[o]!;
      let positions = found[k];
      if (positions === undefined) {
        positions = found[k] = [];
        foundKeywords.push(k);
      }
      if (positions.length <= MAX_KEYWORD_POSITIONS) positions.push(end - lengths[k]! + 1);
    }
  };
  const recordAll = (pairs: number[]) => {
    for (let d = 0; d < pairs.length; d += 2) record(pairs[d]!, pairs[d + 1]!);
    pairs.length = 0;
  };
  const prefilter = (bytes: Uint8Array) => {
    const n = bytes.length;
    // Locals, not the closure's: the loops below read them on every byte.
    const byteClass = classes;
    const next = table;
    const firstOutput = firstOutputRow;
    let row = 0;
    let i = 0;
    // Each step waits on the table read of the step before: a large file is read as two halves
    // side by side, two independent chains of reads the processor overlaps (over the bench
    // tree's files the loop is 2.4× faster, 1.3× with the recording). Hits are noted in the loop
    // and recorded after it, the first half's first.
    if (n >= twoHalvesFrom) {
      const half = n >> 1;
      const secondStart = half - overlap;
      let second = 0;
      for (; i < half; i++) {
        row = next[row + byteClass[bytes[i]!]!]!;
        second = next[second + byteClass[bytes[secondStart + i]!]!]!;
        if (row >= firstOutput) {
          firstHits.push(row, i);
          if (firstHits.length >= MAX_DEFERRED) recordAll(firstHits);
        }
        if (second >= firstOutput) {
          secondHits.push(second, secondStart + i);
          if (secondHits.length >= MAX_DEFERRED) break;
        }
      }
      recordAll(firstHits);
      if (i === half) {
        for (let j = secondStart + half; j < n; j++) {
          second = next[second + byteClass[bytes[j]!]!]!;
          if (second >= firstOutput) secondHits.push(second, j);
        }
        // The overlap's hits were the first half's.
        for (let d = 0; d < secondHits.length; d += 2) if (secondHits[d + 1]! >= half) record(secondHits[d]!, secondHits[d + 1]!);
        i = n;
      } else i++;
      secondHits.length = 0;
    }
    for (; i < n; i++) {
      row = next[row + byteClass[bytes[i]!]!]!;
      if (row >= firstOutput) record(row, i);
    }
    const hits = new KeywordHits();
    for (const k of foundKeywords) {
      const keyword = unique[k]!;
      const positions = found[k]!;
      hits.add(keyword);
      if (positions.length > MAX_KEYWORD_POSITIONS) {
        hits.dense.add(keyword);
        positions.length = MAX_KEYWORD_POSITIONS;
      }
      hits.positions.set(keyword, positions);
      found[k] = undefined;
    }
    foundKeywords.length = 0;
    for (const index of touched) counts[index] = 0;
    touched.length = 0;
    return hits;
  };
  return Object.assign(prefilter, { image: keep, isFromImage: restored !== undefined });
}
