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
/** The shortest phrase. */
const MIN_WORDS = Math.min(...LENGTHS);
const MAX_WORD = 8;

/** What each ASCII character is to a phrase: 1 a lower-case letter, 2 an upper-case one, 3 a separator (white space, list numbers: `1.`, `2)`, `3:`), 0 anything else. */
const KIND = new Uint8Array(128);
for (let code = 0x61; code <= 0x7a; code++) KIND[code] = 1;
for (let code = 0x41; code <= 0x5a; code++) KIND[code] = 2;
for (const ch of ' \t\n\r0123456789.):') KIND[ch.charCodeAt(0)] = 3;
const kindOf = (code: number) => (code < 128 ? KIND[code]! : 0);

/** Every word start from `from` to `to` (a run: words of lower-case letters and separators). */
function pushWordStarts(text: string, from: number, to: number, starts: number[]): void {
  for (let i = from; i < to; i++) if (kindOf(text.charCodeAt(i)) === 1 && (i === from || kindOf(text.charCodeAt(i - 1)) !== 1)) starts.push(i);
}

/**
 * Where a seed phrase written as a run of words can begin in a text, ascending: every word of
 * each run that holds 12 list words in a row (`content.starts: bip39-phrase`). A run is words of
 * 3 to 8 lower-case letters with nothing but white space and list numbers between them: a rule
 * naming this finder begins its matches at a word and allows no other separator (so each of
 * its runs lies inside one of these), and passes a match only if it holds 12 list words in a
 * row (`isBip39Mnemonic`). One pass of character codes, no string per word and no array per
 * run (a run's words are listed again only when it holds a phrase): the note rule's pattern
 * alone read prose at 50 MB/s, trying to spell out a phrase from every word.
 */
export function bip39PhraseStarts(text: string): number[] {
  const list = (listHashes ??= new Set(BIP39_ENGLISH.map(hashOf)));
  const starts: number[] = [];
  // The current run: where its first word starts and its last ends, list words in a row at its end.
  let runStart = -1;
  let runEnd = 0;
  let streak = 0;
  let isQualified = false;
  let isBroken = true;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const kind = kindOf(text.charCodeAt(i));
    if (kind === 0 || kind === 3) {
      if (kind === 0) isBroken = true;
      i++;
      continue;
    }
    const start = i;
    let hash = 0;
    let hasUpper = false;
    for (; i < n; i++) {
      const code = text.charCodeAt(i);
      const letter = kindOf(code);
      if (letter === 1) hash = hashStep(hash, code);
      else if (letter === 2) hasUpper = true;
      else break;
    }
    const isWord = !hasUpper && i - start >= 3 && i - start <= MAX_WORD;
    if (!isWord || isBroken) {
      if (isQualified) pushWordStarts(text, runStart, runEnd, starts);
      runStart = -1;
      streak = 0;
      isQualified = false;
    }
    isBroken = !isWord;
    if (!isWord) continue;
    if (runStart === -1) runStart = start;
    runEnd = i;
    streak = list.has(hash) ? streak + 1 : 0;
    if (streak >= MIN_WORDS) isQualified = true;
  }
  if (isQualified) pushWordStarts(text, runStart, runEnd, starts);
  return starts;
}
