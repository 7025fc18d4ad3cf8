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

const isPrintable = (byte: number) => (byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/** ASCII runs: bytes in one string call per run, nothing allocated for the bytes between. */
function asciiRuns(bytes: Uint8Array, runs: Run[]): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let start = -1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && isPrintable(bytes[i]!)) {
      if (start === -1) start = i;
      continue;
    }
    if (start !== -1 && i - start >= MIN_RUN) runs.push({ offset: start, width: 1, text: buffer.toString('latin1', start, i) });
    start = -1;
  }
}

/** UTF-16LE runs of printable ASCII characters (each followed by a zero byte), at either alignment. */
function utf16Runs(bytes: Uint8Array, runs: Run[]): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  for (let i = 0; i + 1 < bytes.length; ) {
    if (bytes[i + 1] !== 0 || !isPrintable(bytes[i]!)) {
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < bytes.length && bytes[end + 1] === 0 && isPrintable(bytes[end]!)) end += 2;
    if ((end - i) / 2 >= MIN_RUN) runs.push({ offset: i, width: 2, text: buffer.toString('utf16le', i, end) });
    i = end;
  }
}

/** Every run, in order of offset. */
export function printableRuns(bytes: Uint8Array): Run[] {
  const runs: Run[] = [];
  asciiRuns(bytes, runs);
  const ascii = runs.length;
  utf16Runs(bytes, runs);
  if (runs.length > ascii) runs.sort((a, b) => a.offset - b.offset);
  return runs;
}
