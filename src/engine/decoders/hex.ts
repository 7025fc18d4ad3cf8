import { asText } from './base64.js';
import { keyBefore } from './key-before.js';
import type { DecodeBudget, Decoder, Encoded } from './types.js';

/**
 * Long hex strings that are text written as hex (`70617373776f72643d…`): a config or a
 * token hidden from a reader's eye. Hashes and random keys decode to bytes, not text, and
 * are dropped after a look at their first few bytes.
 */
export const HEX_LIMITS = {
  /** 16 bytes of text: shorter holds no credential with its name. */
  minDigits: 32,
  maxDigits: 64 * 1024,
  candidatesPerText: 200,
} as const;

/**
 * Words a credential written as hex carries, in hex: a file holding none of them is not
 * searched. Lower and upper case, as the words are written (the prefilter folds the case
 * of the hex digits, not of the words they encode).
 */
const WORDS = [
  'password', 'passwd', 'PASSWORD', 'secret', 'SECRET', 'Secret', 'token', 'TOKEN', 'Token', 'api_key', 'apikey', 'API_KEY',
  'Authorization', 'Bearer ', 'PRIVATE KEY', '-----BEGIN', '://', 'ghp_', 'gho_', 'ghs_', 'github_pat_', 'glpat-', 'xox',
  'AKIA', 'ASIA', 'AIza', 'sk-', 'sk_live_', 'rk_live_', 'npm_', 'hf_', 'SG.', 'dop_v1_', 'shpat_', 'pypi-',
];

const CANDIDATE = /(?<![0-9A-Za-z])(?:[0-9A-Fa-f]{2}){16,32768}(?![0-9A-Za-z])/g;

/** Hex of printable ASCII starts every byte with 2 to 7: four bytes tell most hashes apart at once. */
function mayBeText(value: string): boolean {
  for (let i = 0; i < 8; i += 2) {
    const high = value.charCodeAt(i);
    if (high < 0x32 || high > 0x37) return false;
  }
  return true;
}

export function findHexText(text: string, budget: DecodeBudget): Encoded[] {
  const found: Encoded[] = [];
  CANDIDATE.lastIndex = 0;
  let match: RegExpExecArray | null;
  let tried = 0;
  while ((match = CANDIDATE.exec(text)) !== null && tried < HEX_LIMITS.candidatesPerText && budget.bytes > 0) {
    const value = match[0];
    if (!mayBeText(value)) continue;
    tried++;
    const decoded = asText(Buffer.from(value, 'hex'));
    if (decoded === undefined) continue;
    budget.bytes -= decoded.length;
    found.push({ start: match.index, end: match.index + value.length, decoded, key: keyBefore(text, match.index), origin: (index) => index * 2 });
  }
  return found;
}

export const hexDecoder: Decoder = {
  label: 'hex',
  triggers: WORDS.map((word) => Buffer.from(word).toString('hex')),
  find: findHexText,
};
