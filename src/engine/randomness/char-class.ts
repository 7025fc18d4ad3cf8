import { inferAlphabet, type Alphabet } from './alphabet.js';
import { COMMON_BIGRAMS } from './bigrams.js';
import { binomialTails, distinctAtMost } from './tails.js';

/**
 * How plausible it is that a value was drawn at random from its alphabet: the smallest of
 * several tail probabilities (each the chance that a uniformly random string of that alphabet
 * and length would look at least this structured), times the number of tests (a Bonferroni
 * correction, so that more tests do not mean more false "structured" verdicts), capped at 1.
 *
 * The tests: too few distinct characters; a class of characters (digits, lower, upper,
 * symbols) far over or under its share of the alphabet; too few changes of class between
 * neighbours (camelCase, a word then a number); too many common English letter pairs; too
 * many repeated or consecutive characters (aaaa, 1234, abcd).
 *
 * 1 means nothing looks made by a person; a value of words scores far below 0.001.
 */
export function classRandomness(value: string): number {
  const text = value.replace(/=+$/, '');
  const n = text.length;
  if (n < 4) return 0;
  const alphabet = inferAlphabet(text);
  const tests = [distinctTest(text, alphabet), classBalanceTest(text, alphabet), transitionTest(text, alphabet), bigramTest(text, alphabet), sequenceTest(text, alphabet)];
  return Math.min(1, Math.min(...tests) * tests.length);
}

function distinctTest(text: string, alphabet: Alphabet): number {
  return distinctAtMost(text.length, alphabet.size, new Set(text).size);
}

/** Two-sided: the least likely class count, each class's share being its size over the alphabet's. */
function classBalanceTest(text: string, alphabet: Alphabet): number {
  if (alphabet.sizes.size < 2) return 1;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(alphabet.classOf(ch), (counts.get(alphabet.classOf(ch)) ?? 0) + 1);
  let least = 1;
  for (const [cls, size] of alphabet.sizes) {
    const tails = binomialTails(text.length, size / alphabet.size, counts.get(cls) ?? 0);
    least = Math.min(least, 2 * Math.min(tails.atMost, tails.atLeast));
  }
  return Math.min(1, least * alphabet.sizes.size);
}

/** One-sided: too few neighbours of different classes. */
function transitionTest(text: string, alphabet: Alphabet): number {
  if (alphabet.sizes.size < 2) return 1;
  let same = 0;
  for (const size of alphabet.sizes.values()) same += (size / alphabet.size) ** 2;
  let changes = 0;
  for (let i = 1; i < text.length; i++) if (alphabet.classOf(text[i]!) !== alphabet.classOf(text[i - 1]!)) changes++;
  return binomialTails(text.length - 1, 1 - same, changes).atMost;
}

/** One-sided: too many common letter pairs among neighbouring letters (case folded). */
function bigramTest(text: string, alphabet: Alphabet): number {
  const letters = alphabet.isHex ? 'abcdef' : 'abcdefghijklmnopqrstuvwxyz';
  let common = 0;
  for (const pair of COMMON_BIGRAMS) if (letters.includes(pair[0]!) && letters.includes(pair[1]!)) common++;
  const lower = text.toLowerCase();
  let pairs = 0;
  let hits = 0;
  for (let i = 1; i < lower.length; i++) {
    if (!letters.includes(lower[i]!) || !letters.includes(lower[i - 1]!)) continue;
    pairs++;
    if (COMMON_BIGRAMS.has(lower.slice(i - 1, i + 1))) hits++;
  }
  if (pairs === 0) return 1;
  return binomialTails(pairs, common / letters.length ** 2, hits).atLeast;
}

/** One-sided: too many neighbours that repeat or step by one (aa, ab, 12, 21) within a class. */
function sequenceTest(text: string, alphabet: Alphabet): number {
  let chance = 0;
  for (const size of alphabet.sizes.values()) chance += (size / alphabet.size) ** 2 * Math.min(1, (3 * size - 2) / size ** 2);
  let steps = 0;
  for (let i = 1; i < text.length; i++) {
    const a = text[i - 1]!;
    const b = text[i]!;
    if (alphabet.classOf(a) === alphabet.classOf(b) && Math.abs(a.charCodeAt(0) - b.charCodeAt(0)) <= 1) steps++;
  }
  return binomialTails(text.length - 1, chance, steps).atLeast;
}
