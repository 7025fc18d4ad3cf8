import { regexAtoms, type RegexAtom } from './regex-atoms.js';
import type { RuleDefinition } from './syntax.js';

/** How long each adversarial input is: long enough that a pattern that backtracks shows it. */
export const ADVERSARIAL_SIZE = 1 << 20;

/** A text built to keep a rule's regex busy, and how to name it in a failure message. */
export interface AdversarialInput {
  shape: string;
  build: () => string;
}

/** The characters an atom may be tested against: printable ASCII, the usual breaks, a few others. */
const ALPHABET = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
  '\t',
  '\n',
  '\r',
  '\u00a0',
  'é',
  '中',
  '\u2028',
];

/** At most this many character sets per rule, the largest first; and so many keywords and examples. */
const MAX_SETS = 6;
const MAX_KEYWORDS = 4;
const MAX_EXAMPLES = 3;

/**
 * Whether a run of an atom's characters is worth an input: a class, a character under a
 * quantifier (`a+`), or one that is not a letter or digit (a separator or space a quantifier
 * may sit next to). A run of one letter of a literal word keeps no pattern busy that the
 * keyword runs do not.
 */
const isWorthARun = (chars: string, atom: RegexAtom) => chars.length > 1 || atom.isQuantified || !/^[A-Za-z0-9]$/.test(chars);

/** The characters of ALPHABET that `atom` accepts, under the rule's flags. */
function acceptedBy(atom: string, flags: string): string {
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${atom})$`, flags.replace(/[gmy]/g, ''));
  } catch {
    return '';
  }
  return ALPHABET.filter((ch) => regex.test(ch)).join('');
}

/** A deterministic generator: the same rule always gets the same inputs, so a failure repeats. */
function randomFrom(seed: number) {
  let state = seed >>> 0 || 1;
  return (n: number) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
}

/** `length` characters drawn from `chars`; built from a 4 KiB chunk, so it costs little. */
function runOf(chars: string, length: number, seed: number): string {
  const next = randomFrom(seed);
  let chunk = '';
  for (let i = 0; i < Math.min(4096, length); i++) chunk += chars[next(chars.length)];
  return chunk.repeat(Math.ceil(length / chunk.length)).slice(0, length);
}

/** `unit` repeated to ADVERSARIAL_SIZE characters. */
const repeatTo = (unit: string) => (unit.length === 0 ? '' : unit.repeat(Math.ceil(ADVERSARIAL_SIZE / unit.length)).slice(0, ADVERSARIAL_SIZE));

const exampleText = (example: RuleDefinition['examples'][number]) => (typeof example === 'string' ? example : (example.content ?? ''));

const show = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);

/**
 * Inputs that make a content rule's regex work hard, derived from its own pattern: long runs
 * of each character set the pattern accepts (after a keyword, so the regex gets going), every
 * accepted character mixed, a keyword and a short run repeated, and each example cut short
 * and repeated (almost-matches). A pattern that backtracks catastrophically takes seconds or
 * forever on at least one of them; a linear one takes milliseconds on all.
 */
export function adversarialInputs(definition: RuleDefinition): AdversarialInput[] {
  const content = definition.content;
  if (!content) return [];
  const flags = content.flags ?? '';
  const keywords = content.keywords ?? [];
  const keyword = keywords[0] ?? '';
  const seed = [...definition.id].reduce((hash, ch) => Math.imul(hash, 31) + ch.charCodeAt(0), 7);
  const sets = new Map<string, string>();
  for (const atom of regexAtoms(content.pattern)) {
    const chars = acceptedBy(atom.text, flags);
    if (chars.length > 0 && isWorthARun(chars, atom) && !sets.has(chars)) sets.set(chars, atom.text);
  }
  const ranked = [...sets].sort(([a], [b]) => b.length - a.length).slice(0, MAX_SETS);
  const union = [...new Set([...sets.keys()].join(''))].join('');
  const inputs: AdversarialInput[] = [];
  for (const [i, [chars, atom]] of ranked.entries()) {
    inputs.push({ shape: `${show(keyword)} then 1 MB of ${atom}`, build: () => keyword + runOf(chars, ADVERSARIAL_SIZE, seed + i) });
  }
  if (union.length > 1) {
    inputs.push({ shape: `${show(keyword)} then 1 MB of every character the pattern accepts`, build: () => keyword + runOf(union, ADVERSARIAL_SIZE, seed) });
  }
  for (const k of keywords.slice(0, MAX_KEYWORDS)) {
    inputs.push({ shape: `${show(k)} and 40 accepted characters, repeated to 1 MB`, build: () => repeatTo(`${k}${runOf(union || k, 40, seed)} `) });
    inputs.push({ shape: `${show(k)} repeated to 1 MB`, build: () => repeatTo(k) });
  }
  for (const [i, example] of definition.examples.slice(0, MAX_EXAMPLES).entries()) {
    const text = exampleText(example);
    if (text.length < 2) continue;
    inputs.push({ shape: `examples[${i}] without its last character, repeated to 1 MB`, build: () => repeatTo(text.slice(0, -1)) });
    inputs.push({ shape: `examples[${i}] cut in half, repeated to 1 MB (one per line)`, build: () => repeatTo(`${text.slice(0, Math.ceil(text.length / 2))}\n`) });
  }
  return inputs;
}
