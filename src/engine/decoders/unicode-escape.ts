import { findEscaped, type EscapeSyntax } from './escaped-spans.js';
import type { Decoder } from './types.js';

/**
 * `\uXXXX` escapes (and `\u{X…}`), as JSON and JavaScript write strings: a config serialised
 * with every `"` and `=` escaped, or a token written out one escaped character at a time. The
 * simple escapes of the same strings (`\"`, `\/`, `\\`) are decoded along with them.
 */
const ESCAPES = /\\u([0-9A-Fa-f]{4})|\\u\{([0-9A-Fa-f]{1,6})\}|\\(["'/\\])/g;

function decodeEscape([whole, four, braced, simple]: RegExpExecArray): string {
  if (simple !== undefined) return simple;
  const code = parseInt(four ?? braced!, 16);
  return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
}

const syntax: EscapeSyntax = {
  // Escapes of ASCII: the characters of every credential format.
  escape: /\\u(?:00[0-7][0-9A-Fa-f]|\{[0-7]?[0-9A-Fa-f]\})/g,
  stops: '\r\n"\'`',
  isBackslashQuoted: true,
  escapes: ESCAPES,
  decodeEscape,
};

export const unicodeEscapeDecoder: Decoder = {
  label: '\\u escapes',
  triggers: ['\\u00', '\\u{'],
  find: (text, budget) => findEscaped(text, syntax, budget),
};
