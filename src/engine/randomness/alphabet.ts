/**
 * The alphabet a value was most plausibly drawn from, as classes of characters: what a
 * generator would have used to make a value that shows these characters. Hex is its own
 * alphabet (a value of 0-9 and a-f only); the symbols of base64 (+ /) and of URL-safe
 * base64 (- _) count as a class of two, any other symbol means a password alphabet (all 32
 * ASCII punctuation characters).
 */
export type CharClass = 'digit' | 'lower' | 'upper' | 'hex-letter' | 'symbol';

export interface Alphabet {
  /** Each class present, with how many characters it has in this alphabet. */
  sizes: Map<CharClass, number>;
  size: number;
  /** The class of one character, in this alphabet. */
  classOf: (ch: string) => CharClass;
  /** Letters (case folded) this alphabet draws from. */
  letters: number;
  isHex: boolean;
}

const baseClassOf = (ch: string): CharClass => {
  if (ch >= '0' && ch <= '9') return 'digit';
  if (ch >= 'a' && ch <= 'z') return 'lower';
  if (ch >= 'A' && ch <= 'Z') return 'upper';
  return 'symbol';
};

/** Symbol sets that make a class of their own (base64's and base64url's two extra characters). */
const SMALL_SYMBOL_SETS = ['+/', '-_'];

export function inferAlphabet(value: string): Alphabet {
  if (/^[0-9a-f]+$/.test(value) && /[a-f]/.test(value) && /[0-9]/.test(value)) return hexAlphabet(value);
  if (/^[0-9A-F]+$/.test(value) && /[A-F]/.test(value) && /[0-9]/.test(value)) return hexAlphabet(value);
  const sizes = new Map<CharClass, number>();
  const symbols = new Set<string>();
  for (const ch of value) {
    const cls = baseClassOf(ch);
    if (cls === 'symbol') symbols.add(ch);
    sizes.set(cls, cls === 'digit' ? 10 : cls === 'symbol' ? 0 : 26);
  }
  if (symbols.size > 0) {
    const small = SMALL_SYMBOL_SETS.find((set) => [...symbols].every((s) => set.includes(s)));
    sizes.set('symbol', small ? small.length : 32);
  }
  const size = [...sizes.values()].reduce((a, b) => a + b, 0);
  const letters = sizes.has('lower') || sizes.has('upper') ? 26 : 0;
  return { sizes, size, classOf: baseClassOf, letters, isHex: false };
}

function hexAlphabet(value: string): Alphabet {
  const sizes = new Map<CharClass, number>([['digit', 10], ['hex-letter', 6]]);
  void value;
  return { sizes, size: 16, classOf: (ch) => (ch >= '0' && ch <= '9' ? 'digit' : 'hex-letter'), letters: 6, isHex: true };
}
