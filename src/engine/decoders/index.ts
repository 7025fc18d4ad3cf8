/**
 * Secrets written so a rule cannot read them: base64, percent-encoding, `\u` and `\x`
 * escapes, HTML entities, text as hex. Each decoder finds encoded values cheaply (a file
 * without one of its trigger keywords pays nothing), decodes them, and the engine scans the
 * decoding again with the same rules (`scan-file.ts`), within one budget per file.
 */
import { base64Decoder } from './base64.js';
import { hexEscapeDecoder } from './hex-escape.js';
import { hexDecoder } from './hex.js';
import { htmlEntityDecoder } from './html-entities.js';
import { percentDecoder } from './percent.js';
import type { Decoder } from './types.js';
import { unicodeEscapeDecoder } from './unicode-escape.js';

export type { DecodeBudget, Decoder, Encoded } from './types.js';
export { looksEncodedWhole } from './base64.js';
export { base64Decoder };

/** Every decoder, in the order a file's values are decoded. */
export const DECODERS: readonly Decoder[] = [base64Decoder, percentDecoder, unicodeEscapeDecoder, hexEscapeDecoder, htmlEntityDecoder, hexDecoder];

export const DECODE_LIMITS = {
  /** Decoded bytes per file, across every decoder and depth. */
  decodedBytesPerFile: 1024 * 1024,
  /** Decoding of decoded text: base64 inside a percent-encoded URL is depth 2. */
  depth: 2,
} as const;

/** Every trigger keyword, for the prefilter. */
export const DECODER_TRIGGERS: readonly string[] = DECODERS.flatMap((decoder) => decoder.triggers);
