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

/** Copies `bytes[start, end)` with every line emptied except those holding a marker. */
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
  for (let line = start; line < end; ) {
    const newline = bytes.indexOf(NEWLINE, line);
    const next = newline === -1 || newline >= end ? end : newline + 1;
    if (keep.has(line)) written += bytes.copy(out, written, line, next);
    else if (next > line && bytes[next - 1] === NEWLINE) out[written++] = NEWLINE;
    line = next;
  }
  return written;
}

/** FNV-1a of `bytes[start, end)`, as a small integer (a Map key without a heap number). */
function hashOf(bytes: Buffer, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash & 0x3fffffff;
}

/** The end of the line starting at `start` (its newline excluded), within `end`. */
function lineEnd(bytes: Buffer, start: number, end: number): number {
  const newline = bytes.indexOf(NEWLINE, start);
  return newline === -1 || newline >= end ? end : newline;
}

/**
 * The byte ranges of `bytes` to keep: each line between the shared start and end that the
 * previous version's lines there do not hold (compared byte for byte, so a hash collision only
 * keeps a line), with `CONTEXT_LINES` around it; ranges in order, merged.
 */
function changedRanges(previous: Buffer, bytes: Buffer, prefix: number, suffix: number): [number, number][] {
  const previousEnd = linesForward(previous, previous.length - suffix - 1, 0);
  const lines = new Map<number, number>();
  for (let line = lineStart(previous, prefix); line < previousEnd; ) {
    const end = lineEnd(previous, line, previousEnd);
    lines.set(hashOf(previous, line, end), line);
    line = end + 1;
  }
  const ranges: [number, number][] = [];
  const end = linesForward(bytes, bytes.length - suffix - 1, 0);
  for (let line = lineStart(bytes, prefix); line < end; ) {
    const stop = lineEnd(bytes, line, end);
    const seen = lines.get(hashOf(bytes, line, stop));
    const isSame = seen !== undefined && previous.compare(bytes, line, stop, seen, lineEnd(previous, seen, previous.length)) === 0;
    if (!isSame) {
      const from = linesBack(bytes, line, CONTEXT_LINES);
      const to = linesForward(bytes, line, CONTEXT_LINES);
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
