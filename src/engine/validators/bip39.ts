/**
 * BIP-39 mnemonic (seed) phrases: 12, 15, 18, 21 or 24 words of the English list whose last
 * bits are the checksum: each word is 11 bits; of the 11·n bits, the first 32·n/3 are the
 * entropy and the rest the first n/3 bits of the SHA-256 of that entropy. Phrases of repeated words
 * (fewer than n − 2 distinct: the all-zero test vectors, "test test … junk") and
 * alphabetically sorted runs (a copy of the word list) are test patterns, not wallets.
 */
import { createHash } from 'node:crypto';
import { BIP39_ENGLISH } from './bip39-english.js';

/** Each word's place in the list; made on first use (most scans, and every git hook, check no phrase). */
let index: Map<string, number> | undefined;
const indexOf = (word: string) => (index ??= new Map(BIP39_ENGLISH.map((w, i) => [w, i]))).get(word);
const LENGTHS = [24, 21, 18, 15, 12] as const;

/** Whether the n words (all in the list) carry a valid checksum. */
export function hasBip39Checksum(words: readonly string[]): boolean {
  const n = words.length;
  if (!(LENGTHS as readonly number[]).includes(n)) return false;
  let bits = '';
  for (const word of words) {
    const place = indexOf(word);
    if (place === undefined) return false;
    bits += place.toString(2).padStart(11, '0');
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
    if (indexOf(word) !== undefined) {
      run.push(word);
      continue;
    }
    if (isPhrase()) return true;
    run = [];
  }
  return false;
}

/** A word's letters hashed as they are read: list words are looked up without a string per word. */
const hashStep = (hash: number, code: number) => (Math.imul(hash, 31) + code) | 0;
function hashOf(word: string): number {
  let hash = 0;
  for (let i = 0; i < word.length; i++) hash = hashStep(hash, word.charCodeAt(i));
  return hash;
}
/** The list's words as hashes (another word sharing one is taken for a list word: never one missed); made on first use, not by a git hook's start. */
let listHashes: Set<number> | undefined;
const MIN_WORDS = 12;

/** The characters that may stand between two words of a phrase: white space, and list numbers (`1.`, `2)`, `3:`). */
const isSeparator = (code: number) => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x29 || code === 0x3a;
const isLower = (code: number) => code >= 0x61 && code <= 0x7a;
const isUpper = (code: number) => code >= 0x41 && code <= 0x5a;

/**
 * Where a seed phrase written as a run of words can begin in a text, ascending: every word of
 * each run that holds 12 list words in a row (`content.starts: bip39-phrase`). A run is words of
 * 3 to 8 lower-case letters with nothing but white space and list numbers between them: a rule
 * naming this finder begins its matches at a word and allows no other separator (so each of
 * its runs lies inside one of these), and passes a match only if it holds 12 list words in a
 * row (`isBip39Mnemonic`). One pass of character codes, no string per word: the note rule's
 * pattern alone read prose at 50 MB/s, trying to spell out a phrase from every word.
 */
export function bip39PhraseStarts(text: string): number[] {
  const list = (listHashes ??= new Set(BIP39_ENGLISH.map(hashOf)));
  const starts: number[] = [];
  const run: number[] = [];
  let streak = 0;
  let isQualified = false;
  let isBroken = true;
  const endRun = () => {
    if (isQualified) for (const start of run) starts.push(start);
    run.length = 0;
    streak = 0;
    isQualified = false;
  };
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (!isLower(code) && !isUpper(code)) {
      if (!isSeparator(code)) isBroken = true;
      i++;
      continue;
    }
    const start = i;
    let hash = 0;
    let hasUpper = false;
    for (; i < text.length; i++) {
      const letter = text.charCodeAt(i);
      if (isLower(letter)) hash = hashStep(hash, letter);
      else if (isUpper(letter)) hasUpper = true;
      else break;
    }
    const length = i - start;
    if (hasUpper || length < 3 || length > 8) {
      endRun();
      isBroken = true;
      continue;
    }
    if (isBroken) endRun();
    isBroken = false;
    run.push(start);
    streak = list.has(hash) ? streak + 1 : 0;
    if (streak >= MIN_WORDS) isQualified = true;
  }
  endRun();
  return starts;
}
