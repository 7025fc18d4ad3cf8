import { countBpeTokens } from './bpe.js';

/**
 * The randomness measure: does a value look generated (drawn at random from an alphabet) or
 * written by a person? Chosen on a labelled set (docs/randomness.md): BPE tokens per
 * character with a real vocabulary (words and identifiers are made of pieces the vocabulary
 * knows, 4 to 9 characters a token; generated values break into pieces of one or two), with
 * hex strings of 16 digits or more counted generated outright (they tokenize into
 * number-like pieces of 2 to 3 characters, as hashes, keys and ids all do).
 * The character-class probability and Shannon entropy are kept for comparison.
 */
export { classRandomness } from './char-class.js';
export { charsPerToken, type Encode } from './token-efficiency.js';
export { inferAlphabet } from './alphabet.js';
export { countBpeTokens } from './bpe.js';

const HEX = /^(?:[0-9a-f]{16,}|[0-9A-F]{16,})$/;

/** Tokens per character (0 to 1; higher looks more generated); hex of 16+ digits scores 1. */
export function randomness(value: string): number {
  if (value.length === 0) return 0;
  if (HEX.test(value) && /[0-9]/.test(value) && /[a-fA-F]/.test(value)) return 1;
  return countBpeTokens(value) / value.length;
}
