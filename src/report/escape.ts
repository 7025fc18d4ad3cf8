/**
 * Makes untrusted text (file names, matched text, link targets) safe to print on a terminal:
 * control characters, escape sequences, line separators and bidirectional overrides become visible escapes,
 * so a hostile file name cannot move the cursor, recolour the screen or fake the verdict.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
