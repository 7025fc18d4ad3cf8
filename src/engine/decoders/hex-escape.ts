import { findEscaped, type EscapeSyntax } from './escaped-spans.js';
import type { Decoder } from './types.js';

/**
 * `\xXX` escapes, as Python bytes, C, shell `$'…'` and JavaScript write them: a token
 * written one escaped byte at a time (`b"\x67\x68\x70…"`). Runs of escapes are decoded as
 * UTF-8 bytes; the simple escapes of the same strings (`\"`, `\\`) along with them.
 */
const ESCAPES = /((?:\\x[0-9A-Fa-f]{2})+)|\\(["'\\])/g;

const syntax: EscapeSyntax = {
  escape: /\\x[2-7][0-9A-Fa-f]/g,
  stops: '\r\n"\'`',
  isBackslashQuoted: true,
  escapes: ESCAPES,
  decodeEscape: ([, run, simple]) => (run !== undefined ? Buffer.from(run.replace(/\\x/g, ''), 'hex').toString('utf8') : simple!),
};

export const hexEscapeDecoder: Decoder = {
  label: '\\x escapes',
  triggers: ['\\x2', '\\x3', '\\x4', '\\x5', '\\x6', '\\x7'],
  find: (text, budget) => findEscaped(text, syntax, budget),
};
