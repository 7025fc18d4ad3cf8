/**
 * Printable runs of a binary file, as `strings` and `strings -e l` find them: ASCII text and
 * UTF-16LE text (Windows, Java, .NET resources) of at least MIN_RUN characters. Tab, line
 * feed and carriage return count as printable, so a PEM key stays one run.
 */
export const MIN_RUN = 8;

/**
 * The runs of one binary as one ASCII text, a line feed after each: scanned once, like a text
 * file. Nothing is allocated per run but two numbers, so a binary made to hold a million short
 * runs costs no more memory than its own size.
 */
export interface PrintableStrings {
  text: Buffer;
  /** Where each run starts in `text`. */
  starts: number[];
  /** Where each run starts in the binary, times two, plus one for UTF-16LE. */
  places: number[];
}

/** 1 for the bytes that are printable ASCII (a table: this runs over every byte of every binary). */
const PRINTABLE = new Uint8Array(256);
for (let byte = 0x20; byte < 0x7f; byte++) PRINTABLE[byte] = 1;
PRINTABLE[0x09] = PRINTABLE[0x0a] = PRINTABLE[0x0d] = 1;

/** 1 for the bytes a run of either kind is made of: printable ASCII and zero. */
const IN_RUN = PRINTABLE.slice();
IN_RUN[0] = 1;

/**
 * Every run, in order of offset, in one pass: an ASCII run is printable bytes in a row; a
 * UTF-16LE run is printable bytes each followed by a zero, at either alignment. Both are at
 * least MIN_RUN bytes of IN_RUN in a row, so where the byte MIN_RUN - 1 ahead is not one, no run
 * starts before it, and the bytes up to it are skipped unread; where it is, the bytes before it
 * are checked backwards to the last that is not (a binary's bytes read 90 MB/s one by one, every
 * byte a hard-to-predict branch).
 */
export function printableStrings(input: Uint8Array): PrintableStrings {
  // One element type for every caller (Buffer or Uint8Array), so the loop stays monomorphic.
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.length);
  const source = Buffer.from(input.buffer, input.byteOffset, input.length);
  // Each run is followed by a byte it does not keep (or the end): the text is never longer than this.
  const text = Buffer.allocUnsafe(bytes.length + 1);
  const starts: number[] = [];
  const places: number[] = [];
  let length = 0;
  const ascii = (start: number, end: number) => {
    starts.push(length);
    places.push(start * 2);
    length += source.copy(text, length, start, end);
    text[length++] = 0x0a;
  };
  const n = bytes.length;
  let start = -1;
  let i = 0;
  while (i < n) {
    // Skipping: here no run is open (i is 0 or follows a byte of no run).
    const ahead = i + MIN_RUN - 1;
    if (ahead >= n) break;
    if (IN_RUN[bytes[ahead]!] === 0) {
      i = ahead + 1;
      continue;
    }
    let back = ahead - 1;
    while (back >= i && IN_RUN[bytes[back]!] === 1) back--;
    if (back >= i) {
      i = back + 1;
      continue;
    }
    // Reading byte by byte from here, up to and including the next byte of no run.
    for (; i < n; i++) {
      const byte = bytes[i]!;
      if (PRINTABLE[byte] === 1) {
        if (start === -1) start = i;
        continue;
      }
      if (start !== -1) {
        if (i - start >= MIN_RUN) ascii(start, i);
        start = -1;
      }
      if (byte !== 0) {
        i++;
        break;
      }
      // A zero after a printable byte may be UTF-16LE text that starts one byte back.
      if (i > 0 && PRINTABLE[bytes[i - 1]!] === 1) {
        let end = i - 1;
        while (end + 1 < n && bytes[end + 1] === 0 && PRINTABLE[bytes[end]!] === 1) end += 2;
        if ((end - (i - 1)) / 2 >= MIN_RUN) {
          starts.push(length);
          places.push((i - 1) * 2 + 1);
          for (let at = i - 1; at < end; at += 2) text[length++] = bytes[at]!;
          text[length++] = 0x0a;
          i = end - 1;
        }
      }
    }
  }
  if (start !== -1 && n - start >= MIN_RUN) ascii(start, n);
  return { text: text.subarray(0, length), starts, places };
}

/** The last index whose value is at most `value` (ascending values). */
export function lastAtMost(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (values[mid]! <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The byte offset in the binary of the character at `index` of the runs' text. */
export function offsetOf(strings: PrintableStrings, index: number): number {
  const run = lastAtMost(strings.starts, index);
  const place = strings.places[run]!;
  const width = (place & 1) + 1;
  return Math.floor(place / 2) + (index - strings.starts[run]!) * width;
}

export interface Run {
  offset: number;
  width: 1 | 2;
  text: string;
}

/** The runs one by one (for a database's blob cells, and for tests). */
export function printableRuns(input: Uint8Array): Run[] {
  const strings = printableStrings(input);
  return strings.starts.map((start, k) => {
    const end = (strings.starts[k + 1] ?? strings.text.length) - 1;
    const place = strings.places[k]!;
    return { offset: Math.floor(place / 2), width: ((place & 1) + 1) as 1 | 2, text: strings.text.toString('latin1', start, end) };
  });
}
