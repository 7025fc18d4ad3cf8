import { createRequire } from 'node:module';
import type { Encode } from './token-efficiency.js';

/**
 * The real BPE vocabulary the measure uses: cl100k_base from `gpt-tokenizer` (MIT, no install
 * scripts, no dependencies). Loaded on first use only, synchronously (the matcher is
 * synchronous): about 90 ms and 11 MB of heap per thread that needs it, so a scan that never
 * judges a generic candidate never loads it.
 */
let encode: Encode | undefined;

export function bpeEncode(text: string): ArrayLike<number> {
  encode ??= (createRequire(import.meta.url)('gpt-tokenizer/cjs/encoding/cl100k_base') as { encode: Encode }).encode;
  return encode(text);
}
