/**
 * The closed vocabulary of value shapes a provider entry may name, each read into the regex that
 * matches it and a generator of random values of that shape (for the entry's examples). A shape
 * is a sequence of parts separated by spaces: an atom such as `hex32`, `alnum{20,40}`,
 * `base64-44` or `uuid`, or a quoted literal such as `':'` or `'key-'`. So `hex32` is a key of 32
 * hex digits and `alnum16 ':' hex32` a `name:secret` pair.
 */

/** Characters each atom class takes; the first string is what generated values are drawn from. */
const CLASSES = {
  hex: { draw: '0123456789abcdef', regex: '[0-9a-fA-F]' },
  HEX: { draw: '0123456789ABCDEF', regex: '[0-9A-F]' },
  alnum: { draw: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', regex: '[A-Za-z0-9]' },
  upper: { draw: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', regex: '[A-Z0-9]' },
  lower: { draw: 'abcdefghijklmnopqrstuvwxyz0123456789', regex: '[a-z0-9]' },
  digits: { draw: '0123456789', regex: '[0-9]' },
  base64: { draw: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', regex: '[A-Za-z0-9+/]' },
  base64url: { draw: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-', regex: '[A-Za-z0-9_-]' },
} as const;
type ClassName = keyof typeof CLASSES;

export const SHAPE_CLASSES = Object.keys(CLASSES) as ClassName[];

/** One part of a shape: characters of a class, a fixed number or a range of them, or a literal. */
export type ShapePart =
  | { kind: 'class'; name: ClassName; min: number; max: number }
  | { kind: 'uuid' }
  | { kind: 'literal'; text: string };

export interface ValueShape {
  parts: ShapePart[];
  /** The regex source of the whole value (no delimiters, no group). */
  source: string;
  /** A minimum Shannon entropy (bits per character) below which a value is no key: `xxxx…`, `0000…`. */
  minEntropy: number;
  /** Whether a value may end in `=` padding (base64). */
  isPadded: boolean;
}

const ATOM = /^(hex|HEX|alnum|upper|lower|digits|base64url|base64)(?:-?(\d{1,3})|\{(\d{1,3})(?:,(\d{1,3}))?\})$/;

export const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

function parsePart(token: string): ShapePart | string {
  if (token === 'uuid') return { kind: 'uuid' };
  const literal = /^'([^'\s]{1,40})'$/.exec(token);
  if (literal) return { kind: 'literal', text: literal[1]! };
  const atom = ATOM.exec(token);
  if (!atom) return `"${token}" is not a value shape (use e.g. hex32, alnum{20,40}, base64-44, uuid, or a quoted literal such as ':')`;
  const min = Number(atom[2] ?? atom[3]);
  const max = Number(atom[4] ?? min);
  if (min < 1 || max < min || max > 1024) return `"${token}": a length from 1 to 1024, the smaller first`;
  return { kind: 'class', name: atom[1] as ClassName, min, max };
}

const UUID_SOURCE = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

function partSource(part: ShapePart): string {
  if (part.kind === 'uuid') return UUID_SOURCE;
  if (part.kind === 'literal') return escapeRegex(part.text);
  const count = part.min === part.max ? `{${part.min}}` : `{${part.min},${part.max}}`;
  return CLASSES[part.name].regex + count;
}

/**
 * How random a value must look: three quarters of the most its random characters allow (its
 * largest class, its shortest length), and no more than 3 bits (a provider's "letters and
 * digits" key may in fact be hex: about 3.7 bits).
 */
function shapeEntropy(parts: ShapePart[]): number {
  if (parts.some((p) => p.kind === 'uuid')) return 3;
  const classes = parts.flatMap((p) => (p.kind === 'class' ? [p] : []));
  const size = Math.max(...classes.map((p) => CLASSES[p.name].draw.length));
  const length = classes.reduce((sum, p) => sum + p.min, 0);
  return Math.min(3, 0.75 * Math.log2(Math.min(size, length)));
}

/** Random characters a value of the shape has at least. */
const randomLength = (parts: ShapePart[]) => parts.reduce((sum, p) => sum + (p.kind === 'uuid' ? 32 : p.kind === 'class' ? p.min : 0), 0);

/** Reads a shape, or says what is wrong with it. */
export function parseShape(spec: string): ValueShape | string {
  const parts: ShapePart[] = [];
  for (const token of spec.trim().split(/\s+/)) {
    const part = parsePart(token);
    if (typeof part === 'string') return part;
    parts.push(part);
  }
  if (randomLength(parts) < 8) return `"${spec}" has fewer than 8 random characters: too easy to find by chance`;
  const last = parts[parts.length - 1]!;
  const isPadded = last.kind === 'class' && last.name === 'base64';
  return {
    parts,
    source: parts.map(partSource).join('') + (isPadded ? '={0,2}' : ''),
    minEntropy: shapeEntropy(parts),
    isPadded,
  };
}

/** A seeded pseudo-random generator (mulberry32): the same seed, the same values, on every machine. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** mulberry32 seeded from a text (FNV-1a of its characters): a rule id gives its own examples. */
export function seededRandom(seed: string): () => number {
  let state = 2166136261;
  for (const ch of seed) state = Math.imul(state ^ ch.charCodeAt(0), 16777619) >>> 0;
  return mulberry32(state);
}

const draw = (chars: string, count: number, random: () => number) =>
  Array.from({ length: count }, () => chars[Math.floor(random() * chars.length)]).join('');

/**
 * One part of a generated value. For a near miss (`extreme` set) a part takes its shortest
 * (negative) or longest (positive) length, and the part given `delta` goes that much further.
 */
function generatePart(part: ShapePart, random: () => number, extreme: number, delta: number): string {
  if (part.kind === 'literal') return part.text;
  if (part.kind === 'uuid') {
    const hex = CLASSES.hex.draw;
    return [8, 4, 4, 4, 12].map((n, i) => draw(hex, i === 0 ? n + delta : n, random)).join('-');
  }
  const base = extreme < 0 ? part.min : extreme > 0 ? part.max : part.min + Math.floor(random() * (part.max - part.min + 1));
  return draw(CLASSES[part.name].draw, base + delta, random);
}

/**
 * A random value of the shape. With `lengthDelta`, a near miss: every random part at its
 * shortest (negative) or longest (positive) length and the last one that many characters
 * shorter or longer still, so the whole value is outside the lengths the shape allows.
 */
export function generateValue(shape: ValueShape, random: () => number, lengthDelta = 0): string {
  const lastRandom = shape.parts.findLastIndex((p) => p.kind !== 'literal');
  return shape.parts.map((part, i) => generatePart(part, random, lengthDelta, i === lastRandom ? lengthDelta : 0)).join('');
}

/** A few words on the shape, for descriptions: "32 hex digits", "a UUID". */
export function describeShape(shape: ValueShape): string {
  const words: Record<ClassName, string> = {
    hex: 'hex digits',
    HEX: 'upper-case hex digits',
    alnum: 'letters and digits',
    upper: 'upper-case letters and digits',
    lower: 'lower-case letters and digits',
    digits: 'digits',
    base64: 'base64 characters',
    base64url: 'URL-safe base64 characters',
  };
  return shape.parts
    .map((part) => {
      if (part.kind === 'literal') return `"${part.text}"`;
      if (part.kind === 'uuid') return 'a UUID';
      return `${part.min === part.max ? part.min : `${part.min} to ${part.max}`} ${words[part.name]}`;
    })
    .join(', ');
}
