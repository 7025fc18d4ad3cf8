/**
 * BIP-39 mnemonic (seed) phrases: 12, 15, 18, 21 or 24 words of the English list whose last
 * bits are the checksum: each word is 11 bits; of the 11·n bits, the first 32·n/3 are the
 * entropy and the rest the first n/3 bits of the SHA-256 of that entropy. Phrases of repeated words
 * (fewer than n − 2 distinct: the all-zero test vectors, "test test … junk") and
 * alphabetically sorted runs (a copy of the word list) are test patterns, not wallets.
 */
import { createHash } from 'node:crypto';
import { BIP39_ENGLISH } from './bip39-english.js';

const INDEX = new Map(BIP39_ENGLISH.map((word, i) => [word, i]));
const LENGTHS = [24, 21, 18, 15, 12] as const;

/** Whether the n words (all in the list) carry a valid checksum. */
export function hasBip39Checksum(words: readonly string[]): boolean {
  const n = words.length;
  if (!(LENGTHS as readonly number[]).includes(n)) return false;
  let bits = '';
  for (const word of words) {
    const index = INDEX.get(word);
    if (index === undefined) return false;
    bits += index.toString(2).padStart(11, '0');
  }
  const entropyBits = (32 * n) / 3;
  const entropy = Buffer.alloc(entropyBits / 8);
  for (let i = 0; i < entropy.length; i++) entropy[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2);
  const hash = createHash('sha256').update(entropy).digest();
  const checksum = hash[0]!.toString(2).padStart(8, '0') + hash[1]!.toString(2).padStart(8, '0');
  return bits.slice(entropyBits) === checksum.slice(0, n / 3);
}

function looksRandom(words: readonly string[]): boolean {
  if (new Set(words).size < words.length - 2) return false;
  return !words.every((word, i) => i === 0 || words[i - 1]! < word);
}

/** The words of a text: separated by white space, commas, quotes, brackets or list numbers (`1.`, `2)`). */
const wordsOf = (text: string) => text.toLowerCase().split(/[\s,"'`[\]]+|\d{1,2}[.):]/).filter((w) => w !== '');

/**
 * Whether the text holds a seed phrase: a maximal run of consecutive list words (a word
 * outside the list ends it) of exactly 12, 15, 18, 21 or 24 words, checksummed and
 * random-looking. Only whole runs count: a window cut out of a longer run would pass a
 * checksum by chance (one in 16 for 12 words) far too often.
 */
export function isBip39Mnemonic(text: string): boolean {
  let run: string[] = [];
  const isPhrase = () => (LENGTHS as readonly number[]).includes(run.length) && hasBip39Checksum(run) && looksRandom(run);
  for (const word of [...wordsOf(text), '']) {
    if (INDEX.has(word)) {
      run.push(word);
      continue;
    }
    if (isPhrase()) return true;
    run = [];
  }
  return false;
}
