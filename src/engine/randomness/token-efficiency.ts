/**
 * Tokenizer efficiency: how many characters a BPE vocabulary (learnt from human text and code)
 * covers per token. Words and identifiers are made of pieces the vocabulary knows (4 to 9
 * characters a token); a generated value breaks into pieces of one or two characters.
 * The encoder is passed in (the bench loads a real vocabulary from `gpt-tokenizer`), so this
 * stays pure.
 */
export type Encode = (text: string) => ArrayLike<number>;

export function charsPerToken(value: string, encode: Encode): number {
  if (value.length === 0) return 0;
  return value.length / Math.max(1, encode(value).length);
}
