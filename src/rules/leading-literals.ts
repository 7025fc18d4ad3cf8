import type { Anchor } from '../model/rule.js';

/**
 * The texts every match of a regex must begin with, read from its source: lookbehinds and
 * anchors are skipped, groups and alternations followed, small character classes spelled out
 * (a class of one letter in both cases, `[Ww]`, as its lower case: compare case-insensitively),
 * and a character a larger class takes, repeated a fixed number of times, as that many
 * WILDCARDs. `undefined` when a match could begin with anything this reading does not follow.
 */
const MAX_PREFIXES = 64;
const MAX_LENGTH = 96;
/** Stands for one character of a class too large to spell out; never part of a keyword. */
export const WILDCARD = '\0';

/** The end of the group whose `(` is at `open` (escapes and classes respected). */
function groupEnd(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (ch === '[') i = classEnd(source, i);
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

function classEnd(source: string, open: number): number {
  for (let i = open + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return -1;
}

/** Top-level `|` branches of a group body. */
function branches(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') i++;
    else if (ch === '[') i = classEnd(body, i);
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

const CONTROL_ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f', v: '\v' };

/** Literal characters a `[…]` class allows, if few and plain. */
function classChars(body: string): string[] | undefined {
  if (/^[A-Za-z]{2}$/.test(body) && body[0]!.toLowerCase() === body[1]!.toLowerCase()) return [body[0]!.toLowerCase()];
  if (body.startsWith('^') || body.length > 16) return undefined;
  const chars: string[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') {
      const next = body[++i];
      if (next === undefined) return undefined;
      // `\t` is a tab, not a t; any other escaped letter (a class, \x41, \u0041) is not read.
      const control = CONTROL_ESCAPES[next];
      if (control === undefined && /[A-Za-z0-9]/.test(next)) return undefined;
      chars.push(control ?? next);
    } else if (body[i + 1] === '-' && i + 2 < body.length) return undefined;
    else chars.push(body[i]!);
  }
  return chars;
}

const isQuantifier = (ch: string | undefined) => ch === '?' || ch === '*' || ch === '+' || ch === '{';
const mayBeZero = (source: string, at: number) =>
  source[at] === '?' || source[at] === '*' || (source[at] === '{' && /^\{0[,}]/.test(source.slice(at)));

export function leadingLiterals(source: string): string[] | undefined {
  const found = read(source, 0);
  return found && found.values.every((v) => v.length > 0) ? found.values : undefined;
}

/** `values`: the possible beginnings; `isWhole`: the source was read to its end as literals. */
interface Read {
  values: string[];
  isWhole: boolean;
}

function read(source: string, depth: number): Read | undefined {
  if (depth > 6) return undefined;
  const alternatives = branches(source);
  if (alternatives.length > 1) {
    const values: string[] = [];
    let isWhole = true;
    for (const branch of alternatives) {
      const found = read(branch, depth + 1);
      if (!found) return undefined;
      values.push(...found.values);
      isWhole &&= found.isWhole;
    }
    return values.length <= MAX_PREFIXES ? { values, isWhole } : undefined;
  }
  let values = [''];
  const partial = () => ({ values, isWhole: false });
  let i = 0;
  while (i < source.length) {
    if (values.some((v) => v.length >= MAX_LENGTH)) return partial();
    const ch = source[i]!;
    if (ch === '^') {
      i++;
      continue;
    }
    if (ch === '(') {
      const end = groupEnd(source, i);
      if (end === -1) return undefined;
      const head = source.slice(i, i + 4);
      if (head.startsWith('(?<=') || head.startsWith('(?<!') || head.startsWith('(?!')) {
        i = end + 1;
        continue;
      }
      if (isQuantifier(source[end + 1]) && mayBeZero(source, end + 1)) return partial();
      const isLookahead = head.startsWith('(?=');
      const bodyStart = head.startsWith('(?:') || isLookahead ? i + 3 : head.startsWith('(?<') ? source.indexOf('>', i) + 1 : i + 1;
      const inner = read(source.slice(bodyStart, end), depth + 1);
      if (!inner) return partial();
      const joined = combine(values, inner.values);
      // Too many ways to begin: what was read so far still begins every match.
      if (!joined) return partial();
      values = joined;
      // Past a lookahead, a repeated group or a group not read to its end, what comes next is unknown.
      if (isLookahead || !inner.isWhole || isQuantifier(source[end + 1])) return partial();
      i = end + 1;
      continue;
    }
    let options: string[] | undefined;
    let next = i + 1;
    if (ch === '[') {
      const end = classEnd(source, i);
      if (end === -1) return partial();
      options = classChars(source.slice(i + 1, end));
      next = end + 1;
    } else if (ch === '\\') {
      const escaped = source[i + 1];
      if (escaped === 'b' || escaped === 'B') {
        i += 2;
        continue;
      }
      options = escaped && /[^A-Za-z0-9]/.test(escaped) ? [escaped] : undefined;
      next = i + 2;
    } else if (!'.|)$'.includes(ch)) options = [ch];
    const isOneCharacter = ch === '[' || ch === '.' || (ch === '\\' && /^[dDwWsS]$/.test(source[i + 1] ?? ''));
    if (!options && isOneCharacter) {
      // One character of a large class, or exactly n of them: known length, unknown text.
      const times = /^\{(\d{1,2})\}/.exec(source.slice(next));
      const count = times ? Number(times[1]) : isQuantifier(source[next]) ? 0 : 1;
      if (count === 0) return partial();
      values = values.map((v) => v + WILDCARD.repeat(count));
      i = next + (times?.[0].length ?? 0);
      continue;
    }
    if (!options) return partial();
    if (source[next] === '?') {
      // Optional: the beginnings with and without it (`[_-]?` between two words).
      const joined = combine(values, options);
      if (!joined || values.length + joined.length > MAX_PREFIXES) return partial();
      values = [...new Set([...values, ...joined])];
      i = next + (source[next + 1] === '?' ? 2 : 1);
      continue;
    }
    if (isQuantifier(source[next]) && mayBeZero(source, next)) return partial();
    const joined = combine(values, options);
    if (!joined) return partial();
    values = joined;
    if (isQuantifier(source[next])) return partial();
    i = next;
  }
  return { values, isWhole: true };
}

function combine(left: string[], right: string[]): string[] | undefined {
  const out: string[] = [];
  for (const a of left) for (const b of right) out.push(a + b);
  return out.length <= MAX_PREFIXES ? out : undefined;
}

/**
 * The characters every match has at fixed places, read from its one leading literal (see
 * `Anchor`). Undefined when the pattern can begin more than one way, or has no fixed character;
 * not for case-insensitive or `u` patterns (a class could then take a letter in either case,
 * or two code units).
 */
export function anchorOf(source: string, flags: string): Anchor | undefined {
  if (/[iuv]/.test(flags)) return undefined;
  const literals = leadingLiterals(source);
  if (literals?.length !== 1) return undefined;
  // A letter read from a class of its two cases (`[Ww]`, read as w) is not fixed: letters then count as unknown.
  const foldsCase = [...source.matchAll(/\[([A-Za-z])([A-Za-z])\]/g)].some((m) => m[1] !== m[2] && m[1]!.toLowerCase() === m[2]!.toLowerCase());
  const literal = foldsCase ? literals[0]!.replace(/[A-Za-z]/g, WILDCARD) : literals[0]!;
  let best = { start: 0, length: 0 };
  for (let i = 0; i < literal.length; ) {
    if (literal[i] === WILDCARD) {
      i++;
      continue;
    }
    let end = i;
    while (end < literal.length && literal[end] !== WILDCARD) end++;
    if (end - i > best.length) best = { start: i, length: end - i };
    i = end;
  }
  if (best.length === 0) return undefined;
  const others: Anchor['others'] = [];
  for (let i = 0; i < literal.length; i++) {
    if (literal[i] !== WILDCARD && (i < best.start || i >= best.start + best.length)) others.push([i, literal.charCodeAt(i)]);
  }
  return { text: literal.slice(best.start, best.start + best.length), offset: best.start, others };
}
