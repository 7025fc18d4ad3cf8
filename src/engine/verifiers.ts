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

/**
 * A token that ends in `_` and 8 hex digits, the CRC32 of the text between the prefix's `_`
 * and that last `_` (Zuplo's API keys: `zpka_`, 32 characters, `_`, checksum).
 */
function hasCrc32HexSuffix(secret: string): boolean {
  const last = secret.lastIndexOf('_');
  const first = secret.indexOf('_');
  if (first === -1 || last <= first) return false;
  const checksum = secret.slice(last + 1);
  if (!/^[0-9a-fA-F]{8}$/.test(checksum)) return false;
  return crc32(secret.slice(first + 1, last)) === Number.parseInt(checksum, 16);
}

const PEM_PRIVATE_KEY = /^-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|PGP) )?PRIVATE KEY(?: BLOCK)?-----\r?\n[\s\S]{32,}?-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----/;

/**
 * A base64 value that decodes to a whole unencrypted PEM private key, header to footer (a
 * Kubernetes-style `tls.key: LS0tLS1CRUdJTi…` anywhere): a truncated or encrypted one fails.
 */
function isBase64PemPrivateKey(secret: string): boolean {
  const text = Buffer.from(secret, 'base64').toString('latin1');
  return PEM_PRIVATE_KEY.test(text) && !/ENCRYPTED/.test(text.slice(0, 200));
}

export const VERIFIERS = {
  'crc32-base62': hasPrefixedCrc32,
  'crc32-hex-suffix': hasCrc32HexSuffix,
  'base64-pem-private-key': isBase64PemPrivateKey,
  ...VALIDATORS,
} as const satisfies Record<string, Verifier>;

export type VerifierName = keyof typeof VERIFIERS;
export const VERIFIER_NAMES = Object.keys(VERIFIERS) as VerifierName[];
