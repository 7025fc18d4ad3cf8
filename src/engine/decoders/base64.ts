/**
 * Finding base64 values worth decoding: Kubernetes `Secret` data, Docker `auths`, and loot
 * encoded twice over. Bounded everywhere, so a file of base64 images costs little.
 */
import { keyBefore } from './key-before.js';
import type { DecodeBudget, Decoder, Encoded } from './types.js';

export const BASE64_LIMITS = {
  minLength: 16,
  maxLength: 64 * 1024,
  candidatesPerText: 200,
} as const;

/** Keywords that make a file worth searching for encoded values (with the engine's prefilter). */
export const BASE64_TRIGGERS = ['kind: secret', '"kind":"secret"', '"auths"', '"auth"', '.dockerconfigjson'] as const;

const CANDIDATE = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{16,65536}={0,2}(?![A-Za-z0-9+/=_-])/g;

/** Decoded bytes that read as text: printable ASCII and common whitespace, nearly all of it. */
export function asText(bytes: Buffer): string | undefined {
  if (bytes.length < 8) return undefined;
  let printable = 0;
  for (const byte of bytes) if ((byte >= 0x20 && byte < 0x7f) || byte === 9 || byte === 10 || byte === 13) printable++;
  return printable >= bytes.length * 0.97 ? bytes.toString('latin1') : undefined;
}

/** A whole file that is one base64 value (loot written out encoded): no spaces, base64 letters only. */
export function looksEncodedWhole(bytes: Uint8Array): boolean {
  if (bytes.length < 64) return false;
  const head = bytes.subarray(0, 1024);
  for (const byte of head) {
    const isBase64 = (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x2b || byte === 0x2f || byte === 0x3d || byte === 0x2d || byte === 0x5f;
    if (!isBase64 && byte !== 0x0a && byte !== 0x0d) return false;
  }
  return true;
}

/** The encoded values in a text whose decoding is text, within the limits. */
export function findEncoded(text: string, budget: DecodeBudget): Encoded[] {
  const found: Encoded[] = [];
  CANDIDATE.lastIndex = 0;
  let match: RegExpExecArray | null;
  let tried = 0;
  while ((match = CANDIDATE.exec(text)) !== null && tried < BASE64_LIMITS.candidatesPerText && budget.bytes > 0) {
    const value = match[0];
    if (value.length < BASE64_LIMITS.minLength || value.length > BASE64_LIMITS.maxLength) continue;
    // Letters only, or digits only, is a word or a number, not base64 worth decoding.
    if (!/[0-9+/_-]/.test(value) || !/[A-Za-z]/.test(value)) continue;
    tried++;
    const decoded = asText(Buffer.from(value, 'base64'));
    if (decoded === undefined) continue;
    budget.bytes -= decoded.length;
    found.push({ start: match.index, end: match.index + value.length, decoded, key: keyBefore(text, match.index), origin: (index) => Math.floor(index / 3) * 4 });
  }
  return found;
}

export const base64Decoder: Decoder = { label: 'base64', triggers: BASE64_TRIGGERS, find: findEncoded };
