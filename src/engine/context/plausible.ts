import { isPlaceholder } from '../placeholders.js';
import { isKnownPublicExample } from './known-examples.js';
import { isToyJwt } from './jwt.js';

/**
 * Value plausibility: whether a matched value could be someone's secret, judged on the value
 * itself and on every decoding of it (base64 text, a Basic header's `user:password`, a JWT's
 * claims). Returns why it is not, or undefined when it may be. `isLooseToken`: a token rule that does
 * not state the token's length, whose values must carry a random part after their prefix.
 * `isJudgedByVerifier`: a validator judged the value whole (a seed phrase's checksum), so the
 * placeholder words made for tokens do not apply to it (`example` is a BIP-39 list word).
 */
export function implausible(secret: string, path: string, before: string, isLooseToken: boolean, isJudgedByVerifier = false): string | undefined {
  if (!isJudgedByVerifier && isPlaceholder(secret)) return 'placeholder';
  if (isKnownPublicExample(secret)) return 'a well-known public example';
  if (isToyJwt(secret)) return 'a JWT whose claims are placeholders';
  if (isLooseToken && isToyToken(secret)) return 'a prefix with no random part';
  if (/\bbasic\s*$/i.test(before)) {
    const pair = decodedText(secret);
    if (pair === undefined || !pair.includes(':')) return 'a Basic value that does not decode to user:password';
    const password = pair.slice(pair.indexOf(':') + 1);
    if (password.length === 0 || isPlaceholder(password) || isNamedAfterPath(password, path)) return 'a Basic value with a placeholder password';
    return undefined;
  }
  if (isNamedAfterPath(secret, path)) return 'named after the product it configures';
  const decoded = decodedText(secret);
  if (decoded !== undefined && (isPlaceholder(decoded) || isNamedAfterPath(decoded, path))) return 'base64 of a placeholder';
  return undefined;
}

/**
 * Base64 that decodes, exactly and strictly, to printable UTF-8 text: `cGFzc3dvcmQ=` → `password`.
 * Random tokens of the same letters decode to binary and are left alone.
 */
export function decodedText(value: string): string | undefined {
  if (value.length < 4 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(value, 'base64');
  if (bytes.toString('base64') !== value) return undefined;
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD') || /[\u0000-\u0008\u000E-\u001F\u007F]/.test(text)) return undefined;
  return text;
}

/** Letter substitutions people make in a password: sc@l3I0 is scaleio. */
const LEET: Record<string, string> = { '@': 'a', '4': 'a', '3': 'e', '1': 'i', '!': 'i', '0': 'o', '5': 's', $: 's', '7': 't' };

function unleet(value: string): string {
  const core = value.toLowerCase().replace(/[\d!]+$/, '');
  return [...core].map((c) => LEET[c] ?? c).join('');
}

/**
 * A short password that is the name of the product in the file's own path (`storageos` in
 * `storageos/secret.yaml`, `sCaleio123` beside `scaleio/`): a sample's stock password.
 */
function isNamedAfterPath(value: string, path: string): boolean {
  if (value.length > 24 || value.length < 4) return false;
  const words = new Set(path.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 4));
  return words.has(value.toLowerCase().replace(/\d+$/, '')) || words.has(unleet(value));
}

/**
 * A value shaped like a prefixed token (`xoxb-…`, `xapp-…`) with fewer than 16 letters and
 * digits after its prefix (`xoxb-1234-1243`, `xapp-A111-222-xyz`): too little to be random.
 */
function isToyToken(secret: string): boolean {
  const prefixed = /^[a-z]{2,8}[-_.]/i.exec(secret);
  if (!prefixed) return false;
  return secret.slice(prefixed[0].length).replace(/[^A-Za-z0-9]/g, '').length < 16;
}
