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
 * compared: it is matched whole. Which lines hold a marker or a PEM header is in the version's
 * line index (`line-index.ts`).
 */
import { firstAtLeast, indexLines, lineStartOf, lineStopOf, LinesByHash, viewOf, type LineIndex } from './line-index.js';

export const CONTEXT_LINES = 3;

const NEWLINE = 0x0a;
/** Compared natively a block at a time, large blocks first (one call per 256 bytes was a tenth of the comparison). */
const COMPARE_STEPS = [16_384, 256];
/** git's own test for binary content: a NUL in the first 8,000 bytes. */
const BINARY_PROBE = 8000;

const isBinary = (bytes: Buffer) => bytes.subarray(0, BINARY_PROBE).includes(0);

/** Bytes the two share at their start. */
function commonPrefix(a: Buffer, b: Buffer): number {
  const limit = Math.min(a.length, b.length);
  let at = 0;
  for (const step of COMPARE_STEPS) while (at + step <= limit && a.compare(b, at, at + step, at, at + step) === 0) at += step;
  while (at < limit && a[at] === b[at]) at++;
  return at;
}

/** Bytes the two share at their end (not reaching back past `floor` in either). */
function commonSuffix(a: Buffer, b: Buffer, floor: number): number {
  const limit = Math.min(a.length, b.length) - floor;
  let n = 0;
  for (const step of COMPARE_STEPS) while (n + step <= limit && a.compare(b, b.length - n - step, b.length - n, a.length - n - step, a.length - n) === 0) n += step;
  while (n < limit && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** The start of the line holding `at` (Buffer.lastIndexOf counts a negative offset from the end). */
const lineStart = (bytes: Buffer, at: number) => (at <= 0 ? 0 : bytes.lastIndexOf(NEWLINE, at - 1) + 1);

/** The end (after its newline) of the line holding `at`. */
function lineEnd(bytes: Buffer, at: number): number {
  const newline = bytes.indexOf(NEWLINE, Math.max(0, at));
  return newline === -1 ? bytes.length : newline + 1;
}

/**
 * The span kept around a changed line, `CONTEXT_LINES` on each side: `lineNo` is the number
 * of the newline that ends it (counted in the version's `newlines`; their count when none does).
 */
function withContext(bytes: Buffer, newlines: Int32Array, lineNo: number): [number, number] {
  const before = lineNo - 1 - CONTEXT_LINES;
  const after = lineNo + CONTEXT_LINES;
  return [before >= 0 ? newlines[before]! + 1 : 0, after < newlines.length ? newlines[after]! + 1 : bytes.length];
}

/**
 * Copies `bytes[start, end)` with every line emptied except those holding a marker: the lines
 * between kept ones become their newlines, counted from the version's index, not read.
 */
function blank(bytes: Buffer, index: LineIndex, start: number, end: number, out: Buffer, written: number): number {
  const { newlines, marked } = index;
  let newline = firstAtLeast(newlines, start);
  const emptied = (to: number) => {
    const past = firstAtLeast(newlines, to, newline);
    out.fill(NEWLINE, written, written + past - newline);
    written += past - newline;
    newline = past;
  };
  for (let m = firstAtLeast(marked, start); m < marked.length && marked[m]! < end; m++) {
    const line = marked[m]!;
    emptied(line);
    const next = newline < newlines.length && newlines[newline]! < end ? newlines[newline++]! + 1 : end;
    written += bytes.copy(out, written, line, next);
  }
  emptied(end);
  return written;
}

/** Whether `a[aStart, aEnd)` and `b[bStart, bEnd)` hold the same bytes (short lines: a loop, no native call). */
function isSameLine(a: Buffer, aView: DataView, aStart: number, aEnd: number, b: Buffer, bView: DataView, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  let i = aStart;
  let j = bStart;
  for (; i + 4 <= aEnd; i += 4, j += 4) if (aView.getInt32(i, true) !== bView.getInt32(j, true)) return false;
  for (; i < aEnd; i++, j++) if (a[i] !== b[j]) return false;
  return true;
}

/**
 * The byte ranges of `bytes` to keep: each line between the shared start and end that the
 * previous version's lines there do not hold (by the hashes in the two versions' indexes, then
 * compared byte for byte, so a hash collision only keeps a line), with `CONTEXT_LINES` around
 * it; ranges in order, merged. No line is read for its hash here: each version's lines were
 * hashed when it was indexed, most of them taken over from the version before it (hashing the
 * lines between what two versions share, on both sides, took a tenth of Rails' history scan).
 */
function changedRanges(previous: Buffer, before: LineIndex, bytes: Buffer, index: LineIndex, prefix: number, suffix: number): [number, number][] {
  const previousStart = lineStart(previous, prefix);
  const previousEnd = lineEnd(previous, previous.length - suffix - 1);
  const first = firstAtLeast(before.newlines, previousStart);
  const past = first + (previousEnd > previousStart ? firstAtLeast(before.newlines, previousEnd - 1, first) - first + 1 : 0);
  lines.reset(past - first);
  for (let k = first; k < past; k++) lines.set(before.hashes[k]!, k);
  const previousView = viewOf(previous);
  const view = viewOf(bytes);
  const { newlines, hashes } = index;
  const ranges: [number, number][] = [];
  const end = lineEnd(bytes, bytes.length - suffix - 1);
  for (let line = lineStart(bytes, prefix), k = firstAtLeast(newlines, line); line < end; k++) {
    const stop = lineStopOf(newlines, k, bytes.length);
    const seen = lines.get(hashes[k]!);
    if (seen === -1 || !isSameLine(previous, previousView, lineStartOf(before.newlines, seen), lineStopOf(before.newlines, seen, previous.length), bytes, view, line, stop)) {
      const [from, to] = withContext(bytes, newlines, k);
      const last = ranges.at(-1);
      if (last && from <= last[1]) last[1] = Math.max(last[1], to);
      else ranges.push([from, to]);
    }
    line = stop + 1;
  }
  return ranges;
}

/**
 * `bytes` with what it shares with `previous` (the version before it) emptied, or `bytes`
 * itself when they cannot be compared or all of it changed.
 */
export function blankUnchanged(previous: Buffer, bytes: Buffer): Buffer {
  if (isBinary(bytes) || isBinary(previous)) return bytes;
  const prefix = commonPrefix(previous, bytes);
  const suffix = commonSuffix(previous, bytes, prefix);
  const before = { index: indexFor(previous), length: previous.length, prefix, suffix };
  const index = indexLines(bytes, before);
  indexes.set(bytes, index);
  if (index.pem.length > 0) return bytes;
  const ranges = changedRanges(previous, before.index, bytes, index, prefix, suffix);
  if (ranges.length === 1 && ranges[0]![0] === 0 && ranges[0]![1] >= bytes.length) return bytes;
  if (scratch.length < bytes.length) scratch = Buffer.allocUnsafeSlow(Math.max(bytes.length, scratch.length * 2));
  let written = 0;
  let at = 0;
  for (const [from, to] of ranges) {
    written = blank(bytes, index, at, from, scratch, written);
    written += bytes.copy(scratch, written, from, to);
    at = to;
  }
  written = blank(bytes, index, at, bytes.length, scratch, written);
  // A buffer of its own: the scratch is used again for the next version.
  const out = Buffer.allocUnsafeSlow(written);
  scratch.copy(out, 0, 0, written);
  return out;
}

/** Where a version is put together before it is copied out at its size (grown as needed, reused). */
let scratch = Buffer.allocUnsafeSlow(0);

/**
 * The line index of each version compared here, while its bytes are held: the next version of
 * the same path (the task after it, or the next batch's first) takes most of its own from it.
 */
const indexes = new WeakMap<Buffer, LineIndex>();
const indexFor = (bytes: Buffer) => indexes.get(bytes) ?? indexLines(bytes);
/** The previous version's lines between what two versions share, by hash (reused). */
const lines = new LinesByHash();
