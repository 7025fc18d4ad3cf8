/**
 * The atoms of a JavaScript regex source: character classes, escapes, `.` and literal
 * characters, in order, without the grouping, alternation, anchors and quantifiers around
 * them. Enough to learn which characters a pattern consumes, so that inputs that keep it busy
 * can be built from the pattern itself. Not a validator: the source has compiled already.
 */
export interface RegexAtom {
  text: string;
  /** Followed by `*`, `+`, `?` or `{n,m}`: the regex may consume a run of it. */
  isQuantified: boolean;
}

const QUANTIFIER = /^(?:[*+?]|\{\d+(?:,\d*)?\})/;

export function regexAtoms(source: string): RegexAtom[] {
  const atoms: RegexAtom[] = [];
  const push = (text: string, end: number) => atoms.push({ text, isQuantified: QUANTIFIER.test(source.slice(end)) });
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\\') {
      const escape = readEscape(source, i);
      if (escape.isAtom) push(escape.text, i + escape.text.length);
      i += escape.text.length;
    } else if (ch === '[') {
      const end = classEnd(source, i);
      push(source.slice(i, end), end);
      i = end;
    } else if (ch === '(') {
      i += groupOpening(source, i).length;
    } else if (ch === '{') {
      const quantifier = QUANTIFIER.exec(source.slice(i));
      if (quantifier) i += quantifier[0].length;
      else push(source[i++]!, i);
    } else if (')|^$*+?'.includes(ch)) {
      i++;
    } else {
      push(ch, i + 1);
      i++;
    }
  }
  return atoms;
}

/** `(`, `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!` or `(?<name>`: none consumes a character. */
function groupOpening(source: string, at: number): string {
  const rest = source.slice(at);
  return /^\(\?(?:[:=!]|<[=!]|<[A-Za-z_$][\w$]*>)/.exec(rest)?.[0] ?? '(';
}

/** The end (exclusive) of the class starting at `at`; `]` right after `[` or `[^` ends nothing in JS. */
function classEnd(source: string, at: number): number {
  let i = at + 1;
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, source.length);
}

/** An escape and whether it consumes a character (`\b`, `\B` and back-references do not). */
function readEscape(source: string, at: number): { text: string; isAtom: boolean } {
  const rest = source.slice(at);
  const named = /^\\k<[^>]*>/.exec(rest);
  if (named) return { text: named[0], isAtom: false };
  const sized = /^\\(?:[pP]\{[^}]*\}|x[0-9A-Fa-f]{2}|u\{[0-9A-Fa-f]+\}|u[0-9A-Fa-f]{4}|c[A-Za-z]|0)/.exec(rest);
  if (sized) return { text: sized[0], isAtom: true };
  const backReference = /^\\[1-9]\d*/.exec(rest);
  if (backReference) return { text: backReference[0], isAtom: false };
  const text = rest.slice(0, 2);
  return { text, isAtom: text !== '\\b' && text !== '\\B' };
}
