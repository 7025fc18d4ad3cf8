import { crc32 } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { isPlaceholder } from '../../src/engine/placeholders.js';

export const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const HEX = '0123456789abcdef';
export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';

/**
 * Random characters from `alphabet`, generated at test time: never a real secret, and never
 * something the placeholder filter would drop (`example`, `xxxxx`, a run of one character…).
 */
export function randomChars(length: number, alphabet = BASE62): string {
  for (;;) {
    let text = '';
    while (text.length < length) {
      for (const byte of randomBytes(length * 2)) {
        // Reject the top of the byte range so every character is equally likely.
        if (byte < 256 - (256 % alphabet.length) && text.length < length) text += alphabet[byte % alphabet.length];
      }
    }
    if (!isPlaceholder(text)) return text;
  }
}

/** GitHub's base62 digits, in their order (not BASE62's, which is an alphabet for random text). */
const CHECKSUM_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A fake token in GitHub's format: prefix, 30 random base62 characters, their CRC32 in base62. */
export function fakeChecksummedToken(prefix: string): string {
  const body = randomChars(30);
  let crc = crc32(body);
  let tail = '';
  for (let i = 0; i < 6; i++, crc = Math.floor(crc / 62)) tail = CHECKSUM_DIGITS[crc % 62] + tail;
  return `${prefix}${body}${tail}`;
}

/** A GitHub classic token: random, but with a valid checksum, as real ones have. */
export const fakeGithubToken = (): string => fakeChecksummedToken('ghp_');

/**
 * A fake Tailscale auth key: a format only secretlint's preset detects (none of our own rules
 * does), for tests about secretlint as a rule source.
 */
export const fakeTailscaleKey = (): string => `tskey-auth-${randomChars(12)}-${randomChars(30)}`;

/** The shape of the `fake-token` test rule (see rules.ts). */
export const fakeTestToken = (): string => `fake_tok_${randomChars(32)}`;

/** The shape of the `fake-note` test rule, a review-severity rule. */
export const fakeNoteToken = (): string => `fake_note_${randomChars(24)}`;
