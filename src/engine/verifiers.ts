import { crc32 } from 'node:zlib';
import { VALIDATORS } from './validators/index.js';

/**
 * Checks a matched secret's own structure (a checksum), so that a random string of the right
 * shape is not enough to raise an alarm. Rules name a verifier; a secret that fails it is not
 * the provider's token (real tokens always pass) and is dropped.
 */
export type Verifier = (secret: string) => boolean;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function decodeBase62(text: string): number {
  let value = 0;
  for (const ch of text) {
    const digit = BASE62.indexOf(ch);
    if (digit === -1) return -1;
    value = value * 62 + digit;
  }
  return value;
}

/**
 * GitHub's token format (also npm's `npm_` tokens): a 4-character prefix, 30 random base62
 * characters, and the CRC32 of those 30 characters in 6 base62 characters.
 */
function hasPrefixedCrc32(secret: string): boolean {
  const body = secret.slice(-36);
  if (body.length !== 36) return false;
  return crc32(body.slice(0, 30)) === decodeBase62(body.slice(30));
}

export const VERIFIERS = {
  'crc32-base62': hasPrefixedCrc32,
  ...VALIDATORS,
} as const satisfies Record<string, Verifier>;

export type VerifierName = keyof typeof VERIFIERS;
export const VERIFIER_NAMES = Object.keys(VERIFIERS) as VerifierName[];
