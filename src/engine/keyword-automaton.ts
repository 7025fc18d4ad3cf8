import { crc32 } from 'node:zlib';

/**
 * The keyword prefilter's automaton (see prefilter.ts): Aho-Corasick over byte classes that
 * fold ASCII case, made deterministic, built from the keywords or read back from an image an
 * earlier run kept.
 */
export interface Automaton {
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

export function buildAutomaton(keywords: string[]): Automaton {
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

export function automatonImage(keywords: readonly string[], automaton: Automaton): Uint8Array {
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

export function automatonFromImage(keywords: readonly string[], image: Uint8Array): Automaton | undefined {
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
