import { createHash } from 'node:crypto';

/** A short prefix then an ellipsis: enough to recognise a token's kind, never enough to use it. */
export function maskSecret(secret: string): string {
  const visible = secret.length >= 24 ? 4 : secret.length >= 12 ? 2 : 0;
  const prefix = secret.slice(0, visible).replace(/[^\x21-\x7e]/g, '');
  return `${prefix}…`;
}

/** Stable identity of a finding for allowlists: a hash of rule and secret, never the secret. */
export function fingerprint(ruleId: string, secretOrPath: string): string {
  return createHash('sha256').update(ruleId).update('\0').update(secretOrPath).digest('hex').slice(0, 32);
}

/** Identity of a secret whatever rule found it, to report one secret once; never output. */
export function secretIdentity(secret: string): string {
  return createHash('sha256').update('secret\0').update(secret).digest('hex').slice(0, 32);
}
