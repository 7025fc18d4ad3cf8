/**
 * Where a version of a file has its newlines, and which of its lines hold a marker
 * (blank-unchanged.ts keeps those), found once per version and mostly taken over from the
 * version before it: the lines the two share at start and end are the same lines, so only what
 * lies between is read. Reading every unchanged stretch of every version again, for its
 * newlines and for each marker, was half of the comparison's time over Rails' history.
 */
const NEWLINE = 0x0a;
/** What opens or closes something that decides how a match further down is judged: a Markdown fence, a docstring, a block or HTML comment. */
const MARKERS = ['```', '~~~', '"""', "'''", '/*', '*/', '<!--', '-->'].map((marker) => Buffer.from(marker));
/** A PEM block's first line: a version holding one is matched whole. */
const PEM_HEADER = Buffer.from('-----BEGIN');
/** Entries of storage kept for the next version (4 MB); more, grown for a long one, is let go. */
const KEPT_STORAGE = 1 << 20;

export interface LineIndex {
  /** The offset of every newline, ascending. */
  newlines: Int32Array;
  /** The start of every line holding a marker, ascending. */
  marked: Int32Array;
  /** The offset of every `-----BEGIN` (a PEM block: the version is matched whole). */
  pem: Int32Array;
  /** Each line's hash (`lineHash`): one per newline, for the line it ends, and one for what follows the last. */
  hashes: Int32Array;
}

/** A growing list of offsets, its storage reused from one version to the next. */
class Offsets {
  private data = new Int32Array(4096);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }

  /** Appends `from[start, end)`, each moved by `delta`. */
  pushMoved(from: Int32Array, start: number, end: number, delta: number): void {
    if (this.length + end - start > this.data.length) this.grow(this.length + end - start);
    this.data.set(from.subarray(start, end), this.length);
    if (delta !== 0) for (let i = this.length; i < this.length + end - start; i++) this.data[i]! += delta;
    this.length += end - start;
  }

  /** The offsets as an array of their own; the list is emptied (and its storage let go if a long version grew it past 4 MB). */
  take(): Int32Array {
    const taken = this.data.slice(0, this.length);
    this.length = 0;
    if (this.data.length > KEPT_STORAGE) this.data = new Int32Array(4096);
    return taken;
  }

  private grow(needed: number): void {
    const data = new Int32Array(Math.max(needed, this.data.length * 2));
    data.set(this.data.subarray(0, this.length));
    this.data = data;
  }
}

const lists = { newlines: new Offsets(), marked: new Offsets(), pem: new Offsets(), hashes: new Offsets(), found: new Offsets() };

/** A version's bytes read four at a time, wherever a line starts. */
export const viewOf = (bytes: Buffer) => new DataView(bytes.buffer, bytes.byteOffset, bytes.length);

/**
 * A 30-bit hash of `bytes[start, stop)` (a line, its newline excluded) and its length, read
 * four bytes at a time: computed once per line of a version, when the version is indexed.
 */
function lineHash(bytes: Buffer, view: DataView, start: number, stop: number): number {
  let hash = 0x811c9dc5 ^ (stop - start);
  let at = start;
  for (; at + 4 <= stop; at += 4) {
    hash = Math.imul(hash ^ view.getInt32(at, true), 0x01000193);
    hash ^= hash >>> 15;
  }
  for (; at < stop; at++) hash = Math.imul(hash ^ bytes[at]!, 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  return (hash ^ (hash >>> 16)) & 0x3fffffff;
}

/** Where line `k` starts: lines are numbered by the newline that ends them (the last, ended by none, is `newlines.length`). */
export const lineStartOf = (newlines: Int32Array, k: number) => (k === 0 ? 0 : newlines[k - 1]! + 1);

/** Where line `k` ends, its newline excluded (`length`: the version's, for the last line). */
export const lineStopOf = (newlines: Int32Array, k: number, length: number) => (k < newlines.length ? newlines[k]! : length);

/** Appends the hashes of lines `[fromLine, toLine)`. */
function addHashes(bytes: Buffer, newlines: Int32Array, fromLine: number, toLine: number, into: Offsets): void {
  const view = viewOf(bytes);
  for (let k = fromLine; k < toLine; k++) into.push(lineHash(bytes, view, lineStartOf(newlines, k), lineStopOf(newlines, k, bytes.length)));
}

/** The first index at or after `from` whose offset is at least `value` (the length if none). */
export function firstAtLeast(offsets: Int32Array, value: number, from = 0): number {
  let low = from;
  let high = offsets.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (offsets[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Appends the newlines of `bytes[start, end)`: four bytes at a time, each looked at only in a word holding one. */
function addNewlines(bytes: Buffer, start: number, end: number, into: Offsets): void {
  let i = start;
  const aligned = Math.min(end, start + ((4 - ((bytes.byteOffset + start) & 3)) & 3));
  for (; i < aligned; i++) if (bytes[i] === NEWLINE) into.push(i);
  const words = (end - i) >> 2;
  if (words > 0) {
    const view = new Int32Array(bytes.buffer, bytes.byteOffset + i, words);
    for (let w = 0; w < words; w++, i += 4) {
      const x = view[w]! ^ 0x0a0a0a0a;
      // The high bit of each byte of `nonzero` is set where that byte of x is not zero.
      if ((~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x) & 0x80808080) === 0) continue;
      for (let j = i; j < i + 4; j++) if (bytes[j] === NEWLINE) into.push(j);
    }
  }
  for (; i < end; i++) if (bytes[i] === NEWLINE) into.push(i);
}

/** Appends the start of each line of `bytes[start, end)` (a whole line's span) holding a marker, ascending, once each. */
function addMarkedLines(bytes: Buffer, start: number, end: number, newlines: Int32Array, into: Offsets): void {
  const stretch = bytes.subarray(start, end);
  const found = lists.found;
  for (const marker of MARKERS) {
    for (let at = stretch.indexOf(marker); at !== -1; at = stretch.indexOf(marker, at + marker.length)) {
      const before = firstAtLeast(newlines, start + at) - 1;
      found.push(before >= 0 && newlines[before]! >= start ? newlines[before]! + 1 : start);
    }
  }
  const lines = found.take().sort();
  for (let i = 0; i < lines.length; i++) if (i === 0 || lines[i] !== lines[i - 1]) into.push(lines[i]!);
}

/** Appends where `needle` occurs in `bytes[start, end)`. */
function addOccurrences(bytes: Buffer, start: number, end: number, needle: Buffer, into: Offsets): void {
  const stretch = bytes.subarray(start, end);
  for (let at = stretch.indexOf(needle); at !== -1; at = stretch.indexOf(needle, at + 1)) into.push(start + at);
}

/**
 * The index of `bytes`. With the index of the version before it and the bytes the two share at
 * start (`prefix`) and end (`suffix`), the lines wholly inside those are taken from it; only
 * the lines between are read.
 */
export function indexLines(bytes: Buffer, before?: { index: LineIndex; length: number; prefix: number; suffix: number }): LineIndex {
  // [from, to): lines that start and end in what the two share are taken over, the rest read.
  // `to` follows a newline inside the shared end, so in both versions a line starts there.
  const from = before && before.prefix > 0 ? bytes.lastIndexOf(NEWLINE, before.prefix - 1) + 1 : 0;
  const newlineInEnd = before ? bytes.indexOf(NEWLINE, bytes.length - before.suffix) : -1;
  const to = before && newlineInEnd !== -1 ? newlineInEnd + 1 : bytes.length;
  const delta = before ? bytes.length - before.length : 0;
  const fresh = (list: Offsets, add: () => void, taken?: Int32Array) => {
    if (taken) list.pushMoved(taken, 0, firstAtLeast(taken, from), 0);
    add();
    if (taken) list.pushMoved(taken, firstAtLeast(taken, to - delta), taken.length, delta);
    return list.take();
  };
  const newlines = fresh(lists.newlines, () => addNewlines(bytes, from, to, lists.newlines), before?.index.newlines);
  const marked = fresh(lists.marked, () => addMarkedLines(bytes, from, to, newlines, lists.marked), before?.index.marked);
  const pem = fresh(lists.pem, () => addOccurrences(bytes, from, to, PEM_HEADER, lists.pem), before?.index.pem);
  // Lines are numbered, not placed: those before `from` keep their numbers, those from `to` on
  // (when `to` follows a newline) shift by how many more newlines there are.
  const fromLine = firstAtLeast(newlines, from);
  const isEndTaken = before !== undefined && newlineInEnd !== -1;
  const toLine = isEndTaken ? firstAtLeast(newlines, to - 1) + 1 : newlines.length + 1;
  const taken = before?.index.hashes;
  if (taken) lists.hashes.pushMoved(taken, 0, fromLine, 0);
  addHashes(bytes, newlines, fromLine, toLine, lists.hashes);
  if (taken && isEndTaken) lists.hashes.pushMoved(taken, firstAtLeast(before.index.newlines, to - delta - 1) + 1, taken.length, 0);
  return { newlines, marked, pem, hashes: lists.hashes.take() };
}

/**
 * A line of the previous version by the line's hash: its number (its span is in the version's
 * newlines, `lineStartOf` and `lineStopOf`); of lines with one hash the last is kept, as
 * `Map#set` would. Open addressing over typed arrays reused from one version to the next: a Map
 * of every line between what two versions share cost a third of comparing them.
 */
export class LinesByHash {
  /** The hash plus one (0: an empty slot). */
  private keys = new Int32Array(1024);
  private lines = new Int32Array(1024);
  private mask = 1023;

  /** Empties the table, with room for `count` lines (storage grown for a long version is let go at the next shorter one). */
  reset(count: number): void {
    let size = 1024;
    while (size < count * 2) size *= 2;
    if (size > this.keys.length || (this.keys.length > KEPT_STORAGE && this.keys.length > 4 * size)) {
      this.keys = new Int32Array(size);
      this.lines = new Int32Array(size);
    } else this.keys.fill(0, 0, size);
    this.mask = size - 1;
  }

  /** `hash`: line `line`'s hash, at most 30 bits. */
  set(hash: number, line: number): void {
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const key = this.keys[slot]!;
      if (key === 0 || key === hash + 1) {
        this.keys[slot] = hash + 1;
        this.lines[slot] = line;
        return;
      }
    }
  }

  /** The number of the last line set with `hash`, or -1. */
  get(hash: number): number {
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const key = this.keys[slot]!;
      if (key === 0) return -1;
      if (key === hash + 1) return this.lines[slot]!;
    }
  }
}
