/**
 * A version of a file compared with the version before it, so that only what changed is
 * matched again: most versions of a long-lived file (a changelog, a large module) differ from
 * the last in a few lines, and reading every version whole is most of a history scan's work.
 *
 * The lines the version before it also has (between what both share at start and end, any
 * line of the previous version there) are emptied, not removed: every newline stays, so a
 * finding's line and column are those of the blob. Kept whole:
 * - the changed lines, with `CONTEXT_LINES` before and after (a key name above its value);
 * - every line that opens or closes something that decides how a match is judged further
 *   down (a Markdown fence, a docstring, a block or HTML comment), so a match is read in the
 *   same place it stands in the whole file.
 * A blob that is binary, or that holds a PEM block (its lines belong together), is not
 * compared: it is matched whole.
 */
export const CONTEXT_LINES = 3;

const NEWLINE = 0x0a;
const COMPARE_STEP = 256;
/** git's own test for binary content: a NUL in the first 8,000 bytes. */
const BINARY_PROBE = 8000;
const WHOLE_ONLY = Buffer.from('-----BEGIN');
const MARKERS = ['```', '~~~', '"""', "'''", '/*', '*/', '<!--', '-->'].map((marker) => Buffer.from(marker));

const isBinary = (bytes: Buffer) => bytes.subarray(0, BINARY_PROBE).includes(0);

/** Bytes the two share at their start. */
function commonPrefix(a: Buffer, b: Buffer): number {
  const limit = Math.min(a.length, b.length);
  let at = 0;
  while (at + COMPARE_STEP <= limit && a.compare(b, at, at + COMPARE_STEP, at, at + COMPARE_STEP) === 0) at += COMPARE_STEP;
  while (at < limit && a[at] === b[at]) at++;
  return at;
}

/** Bytes the two share at their end (not reaching back past `floor` in either). */
function commonSuffix(a: Buffer, b: Buffer, floor: number): number {
  const limit = Math.min(a.length, b.length) - floor;
  let n = 0;
  while (n + COMPARE_STEP <= limit && a.compare(b, b.length - n - COMPARE_STEP, b.length - n, a.length - n - COMPARE_STEP, a.length - n) === 0) n += COMPARE_STEP;
  while (n < limit && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** The start of the line holding `at` (Buffer.lastIndexOf counts a negative offset from the end). */
const lineStart = (bytes: Buffer, at: number) => (at <= 0 ? 0 : bytes.lastIndexOf(NEWLINE, at - 1) + 1);

/** The start of the line `lines` lines before the one holding `at`. */
function linesBack(bytes: Buffer, at: number, lines: number): number {
  let start = lineStart(bytes, at);
  for (let n = 0; n < lines && start > 0; n++) start = lineStart(bytes, start - 1);
  return start;
}

/** The end (after its newline) of the line `lines` lines after the one holding `at`. */
function linesForward(bytes: Buffer, at: number, lines: number): number {
  let end = Math.max(0, at);
  for (let n = 0; n <= lines && end < bytes.length; n++) {
    const newline = bytes.indexOf(NEWLINE, end);
    end = newline === -1 ? bytes.length : newline + 1;
  }
  return end;
}

/**
 * The index of the first newline in `bytes[from, end)`, or `end`. A loop, not Buffer#indexOf:
 * lines are short, and each native call cost more than reading the line (Rails' history spent
 * 12 of its 190 CPU-seconds in indexOf called line by line).
 */
function newlineFrom(bytes: Buffer, from: number, end: number): number {
  let at = from;
  while (at < end && bytes[at] !== NEWLINE) at++;
  return at;
}

/**
 * Writes one newline to `out` for each newline in `bytes[from, to)`: those lines, emptied.
 * Counted four bytes at a time (a byte is a newline where it XORs to zero): the lines of
 * every unchanged stretch of every version are counted, most of a long history's bytes.
 */
function newlinesOf(bytes: Buffer, from: number, to: number, out: Buffer, written: number): number {
  let count = 0;
  let i = from;
  const aligned = Math.min(to, from + ((4 - ((bytes.byteOffset + from) & 3)) & 3));
  for (; i < aligned; i++) if (bytes[i] === NEWLINE) count++;
  const words = (to - i) >> 2;
  if (words > 0) {
    const view = new Int32Array(bytes.buffer, bytes.byteOffset + i, words);
    for (let w = 0; w < words; w++) {
      const x = view[w]! ^ 0x0a0a0a0a;
      // The high bit of each byte of `nonzero` is set where that byte of x is not zero.
      const nonzero = ((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x;
      count += (((~nonzero & 0x80808080) >>> 7) * 0x01010101) >>> 24;
    }
    i += words << 2;
  }
  for (; i < to; i++) if (bytes[i] === NEWLINE) count++;
  out.fill(NEWLINE, written, written + count);
  return written + count;
}

/**
 * Copies `bytes[start, end)` with every line emptied except those holding a marker: the lines
 * between kept ones become their newlines, counted, not visited one by one (over versions of
 * Rails files, 138 → 210 MB/s with the one-pass line hashing below).
 */
function blank(bytes: Buffer, start: number, end: number, out: Buffer, written: number): number {
  const keep = new Set<number>();
  for (const marker of MARKERS) {
    // Searched in this stretch only (a marker may run past its end): searched in the rest of
    // the file, a marker found nowhere made each stretch cost the whole file again.
    const stretch = bytes.subarray(start, Math.min(bytes.length, end + marker.length - 1));
    for (let at = stretch.indexOf(marker); at !== -1 && start + at < end; at = stretch.indexOf(marker, at + marker.length)) {
      keep.add(lineStart(bytes, start + at));
    }
  }
  let at = start;
  // A kept line that starts before the stretch is not one of its lines.
  for (const line of [...keep].filter((line) => line >= start).sort((x, y) => x - y)) {
    written = newlinesOf(bytes, at, line, out, written);
    const newline = newlineFrom(bytes, line, end);
    const next = newline >= end ? end : newline + 1;
    written += bytes.copy(out, written, line, next);
    at = next;
  }
  return newlinesOf(bytes, at, end, out, written);
}

/** Whether `a[aStart, aEnd)` and `b[bStart, bEnd)` hold the same bytes (short lines: a loop, no native call). */
function isSameLine(a: Buffer, aStart: number, aEnd: number, b: Buffer, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let i = aStart, j = bStart; i < aEnd; i++, j++) if (a[i] !== b[j]) return false;
  return true;
}

/**
 * Each line of `bytes[start, end)` in turn: `visit(line, lineEnd, hash)` with the line's start,
 * its end (its newline excluded) and its FNV-1a hash as a small integer (a Map key without a
 * heap number), found in one pass over its bytes.
 */
function eachLine(bytes: Buffer, start: number, end: number, visit: (line: number, stop: number, hash: number) => void): void {
  for (let line = start; line < end; ) {
    let hash = 0x811c9dc5;
    let at = line;
    for (; at < end; at++) {
      const byte = bytes[at]!;
      if (byte === NEWLINE) break;
      hash = Math.imul(hash ^ byte, 0x01000193);
    }
    visit(line, at, hash & 0x3fffffff);
    line = at + 1;
  }
}

/**
 * The byte ranges of `bytes` to keep: each line between the shared start and end that the
 * previous version's lines there do not hold (compared byte for byte, so a hash collision only
 * keeps a line), with `CONTEXT_LINES` around it; ranges in order, merged.
 */
function changedRanges(previous: Buffer, bytes: Buffer, prefix: number, suffix: number): [number, number][] {
  const previousEnd = linesForward(previous, previous.length - suffix - 1, 0);
  const lines = new Map<number, number>();
  eachLine(previous, lineStart(previous, prefix), previousEnd, (line, _stop, hash) => lines.set(hash, line));
  const ranges: [number, number][] = [];
  const end = linesForward(bytes, bytes.length - suffix - 1, 0);
  eachLine(bytes, lineStart(bytes, prefix), end, (line, stop, hash) => {
    const seen = lines.get(hash);
    if (seen !== undefined && isSameLine(previous, seen, newlineFrom(previous, seen, previous.length), bytes, line, stop)) return;
    const from = linesBack(bytes, line, CONTEXT_LINES);
    const to = linesForward(bytes, line, CONTEXT_LINES);
    const last = ranges.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else ranges.push([from, to]);
  });
  return ranges;
}

/**
 * `bytes` with what it shares with `previous` (the version before it) emptied, or `bytes`
 * itself when they cannot be compared or all of it changed.
 */
export function blankUnchanged(previous: Buffer, bytes: Buffer): Buffer {
  if (isBinary(bytes) || isBinary(previous) || bytes.includes(WHOLE_ONLY)) return bytes;
  const prefix = commonPrefix(previous, bytes);
  const suffix = commonSuffix(previous, bytes, prefix);
  const ranges = changedRanges(previous, bytes, prefix, suffix);
  if (ranges.length === 1 && ranges[0]![0] === 0 && ranges[0]![1] >= bytes.length) return bytes;
  if (scratch.length < bytes.length) scratch = Buffer.allocUnsafeSlow(Math.max(bytes.length, scratch.length * 2));
  let written = 0;
  let at = 0;
  for (const [from, to] of ranges) {
    written = blank(bytes, at, from, scratch, written);
    written += bytes.copy(scratch, written, from, to);
    at = to;
  }
  written = blank(bytes, at, bytes.length, scratch, written);
  // A buffer of its own: the scratch is used again for the next version.
  const out = Buffer.allocUnsafeSlow(written);
  scratch.copy(out, 0, 0, written);
  return out;
}

/** Where a version is put together before it is copied out at its size (grown as needed, reused). */
let scratch = Buffer.allocUnsafeSlow(0);
