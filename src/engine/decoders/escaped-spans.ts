import { keyBefore } from './key-before.js';
import type { DecodeBudget, Encoded } from './types.js';

/**
 * How one escape syntax (percent-encoding, `\uXXXX`, `\xXX`, HTML entities) is written: what
 * one escape looks like, which characters end the value it sits in, and how a value decodes.
 */
export interface EscapeSyntax {
  /** One escape, global (`/%[0-9A-Fa-f]{2}/g`): where values are looked for. */
  escape: RegExp;
  /** Characters that end a value (a quote, a line break…); `\` before one keeps it inside when `isBackslashQuoted`. */
  stops: string;
  /** `\"` inside a string is part of it (JSON and code strings), not its end. */
  isBackslashQuoted?: boolean;
  /** Every escape the syntax decodes, global; a run of escapes may be one match (UTF-8 bytes). */
  escapes: RegExp;
  /** The text one match of `escapes` stands for. */
  decodeEscape(match: RegExpExecArray): string;
}

export const ESCAPE_LIMITS = {
  /**
   * The most characters a value reaches on either side of its first escape: room for a key and
   * its value in a query string or a JSON string. Each value is scanned again, so this bounds
   * the work a minified bundle or a source map (strings thousands of characters long) costs.
   */
  reach: 512,
  /** Values decoded per text and syntax; a file of thousands of escaped strings costs a bounded amount. */
  valuesPerText: 200,
  /** A shorter decoded value holds no secret worth a rule. */
  minDecoded: 8,
} as const;

const stopTables = new Map<string, Uint8Array>();

/** A lookup table of the (ASCII) stop characters, made once per syntax. */
function stopTable(stops: string): Uint8Array {
  let table = stopTables.get(stops);
  if (!table) {
    table = new Uint8Array(128);
    for (const stop of stops) table[stop.charCodeAt(0)] = 1;
    stopTables.set(stops, table);
  }
  return table;
}

/**
 * A value decoded, with where each decoded character was written (its offset in the value). The
 * characters of a run of escapes of equal length (`%67%68`) each get their own escape's place;
 * those of an uneven run (UTF-8 bytes of several lengths) the run's start.
 */
export function decodeValue(value: string, syntax: Pick<EscapeSyntax, 'escapes' | 'decodeEscape'>): { decoded: string; origins: number[] } {
  const pieces: string[] = [];
  const origins: number[] = [];
  const escapes = syntax.escapes;
  escapes.lastIndex = 0;
  let last = 0;
  let match: RegExpExecArray | null;
  while ((match = escapes.exec(value)) !== null) {
    for (let i = last; i < match.index; i++) origins.push(i);
    pieces.push(value.slice(last, match.index));
    const piece = syntax.decodeEscape(match);
    const stride = match[0].length % piece.length === 0 ? match[0].length / piece.length : 0;
    for (let i = 0; i < piece.length; i++) origins.push(match.index + i * stride);
    pieces.push(piece);
    last = match.index + match[0].length;
  }
  for (let i = last; i < value.length; i++) origins.push(i);
  pieces.push(value.slice(last));
  return { decoded: pieces.join(''), origins };
}

/**
 * The values holding one or more escapes of a syntax, decoded. A value is the run of characters
 * around an escape up to the nearest stop on either side (so a key and its value inside one
 * query string or JSON string decode together); linear in the text, each character seen once.
 * Values whose decoding is no different, or too short, are left out.
 */
export function findEscaped(text: string, syntax: EscapeSyntax, budget: DecodeBudget): Encoded[] {
  const found: Encoded[] = [];
  const stops = stopTable(syntax.stops);
  const isStop = (at: number) => {
    const code = text.charCodeAt(at);
    if (syntax.isBackslashQuoted !== true) return code < 128 && stops[code] === 1;
    // In a quoted string, `\"` is inside it and an escaped line break (`\n`) ends a line as a real one would.
    const isEscaped = text.charCodeAt(at - 1) === 0x5c;
    if (isEscaped) return code === 0x6e || code === 0x72;
    return code < 128 && (stops[code] === 1 || (code === 0x5c && (text.charCodeAt(at + 1) === 0x6e || text.charCodeAt(at + 1) === 0x72)));
  };
  const escape = syntax.escape;
  escape.lastIndex = 0;
  let tried = 0;
  let match: RegExpExecArray | null;
  while ((match = escape.exec(text)) !== null && tried < ESCAPE_LIMITS.valuesPerText && budget.bytes > 0) {
    let start = match.index;
    const startLimit = Math.max(0, start - ESCAPE_LIMITS.reach);
    while (start > startLimit && !isStop(start - 1)) start--;
    let end = match.index + match[0].length;
    const endLimit = Math.min(text.length, end + ESCAPE_LIMITS.reach);
    while (end < endLimit && !isStop(end)) end++;
    escape.lastIndex = Math.max(end, escape.lastIndex);
    tried++;
    const value = text.slice(start, end);
    const { decoded, origins } = decodeValue(value, syntax);
    if (decoded === value || decoded.length < ESCAPE_LIMITS.minDecoded) continue;
    budget.bytes -= decoded.length;
    found.push({ start, end, decoded, key: keyBefore(text, start), origin: (index) => origins[index] ?? 0 });
  }
  return found;
}
