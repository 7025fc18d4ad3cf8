/**
 * A report is written as pieces of text, one after the other, never held as one string: a
 * scan with 200,000 findings rendered whole needed about 900 MiB and, with its lists spread
 * into arguments, overflowed the call stack.
 */

/** Each line followed by its newline. */
export function* endedLines(lines: Iterable<string>): Generator<string> {
  for (const line of lines) yield `${line}\n`;
}

/** Small pieces joined into strings of about `size` characters: one write each, not one per piece. */
export function* gathered(parts: Iterable<string>, size = 1 << 16): Generator<string> {
  let held: string[] = [];
  let length = 0;
  for (const part of parts) {
    held.push(part);
    length += part.length;
    if (length >= size) {
      yield held.join('');
      held = [];
      length = 0;
    }
  }
  if (length > 0) yield held.join('');
}
