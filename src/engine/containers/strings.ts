/**
 * Printable runs of a binary file, as `strings` and `strings -e l` find them: ASCII text and
 * UTF-16LE text (Windows, Java, .NET resources) of at least MIN_RUN characters. Tab, line
 * feed and carriage return count as printable, so a PEM key stays one run.
 */
export const MIN_RUN = 8;

export interface Run {
  /** Byte offset of the run's first character in the binary. */
  offset: number;
  /** Bytes per character: 1 for ASCII, 2 for UTF-16LE. */
  width: 1 | 2;
  text: string;
}

/** 1 for the bytes that are printable ASCII (a table: this runs over every byte of every binary). */
const PRINTABLE = new Uint8Array(256);
for (let byte = 0x20; byte < 0x7f; byte++) PRINTABLE[byte] = 1;
PRINTABLE[0x09] = PRINTABLE[0x0a] = PRINTABLE[0x0d] = 1;

/**
 * Every run, in order of offset, in one pass: an ASCII run is printable bytes in a row; a
 * UTF-16LE run is printable bytes each followed by a zero, at either alignment.
 */
export function printableRuns(input: Uint8Array): Run[] {
  // One element type for every caller (Buffer or Uint8Array), so the loop stays monomorphic.
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.length);
  const buffer = Buffer.from(input.buffer, input.byteOffset, input.length);
  const runs: Run[] = [];
  const n = bytes.length;
  let start = -1;
  for (let i = 0; i < n; i++) {
    const byte = bytes[i]!;
    if (PRINTABLE[byte] === 1) {
      if (start === -1) start = i;
      continue;
    }
    if (start !== -1) {
      if (i - start >= MIN_RUN) runs.push({ offset: start, width: 1, text: buffer.toString('latin1', start, i) });
      start = -1;
    }
    // A zero after a printable byte may be UTF-16LE text that starts one byte back.
    if (byte === 0 && i > 0 && PRINTABLE[bytes[i - 1]!] === 1) {
      let end = i - 1;
      while (end + 1 < n && bytes[end + 1] === 0 && PRINTABLE[bytes[end]!] === 1) end += 2;
      if ((end - (i - 1)) / 2 >= MIN_RUN) {
        runs.push({ offset: i - 1, width: 2, text: buffer.toString('utf16le', i - 1, end) });
        i = end - 1;
      }
    }
  }
  if (start !== -1 && n - start >= MIN_RUN) runs.push({ offset: start, width: 1, text: buffer.toString('latin1', start, n) });
  return runs;
}
