import { describe, expect, it } from 'vitest';
import { createRuleSet } from '../../src/engine/rule-set.js';
import { scanContent } from '../../src/engine/scan-file.js';
import { VERIFIERS } from '../../src/engine/verifiers.js';
import { compileRule } from '../../src/rules/compile.js';
import type { RuleDefinition } from '../../src/rules/syntax.js';
import { crc32 } from 'node:zlib';
import { fakeChecksummedToken, randomChars } from '../helpers/fake-secrets.js';

const breakChecksum = (token: string) => token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');

describe('crc32-base62 (GitHub and npm token checksums)', () => {
  it.each(['ghp_', 'gho_', 'npm_'])('accepts a %s token whose last 6 characters are the CRC32 of the 30 before', (prefix) => {
    for (let i = 0; i < 50; i++) expect(VERIFIERS['crc32-base62'](fakeChecksummedToken(prefix))).toBe(true);
  });

  it('rejects a token with one checksum character changed, or the wrong length', () => {
    const token = fakeChecksummedToken('ghp_');
    expect(VERIFIERS['crc32-base62'](breakChecksum(token))).toBe(false);
    expect(VERIFIERS['crc32-base62'](token.slice(0, -1))).toBe(false);
    expect(VERIFIERS['crc32-base62']('ghp_' + '-'.repeat(36))).toBe(false);
  });
});

const rule = (content: Record<string, unknown>): RuleDefinition => ({
  id: 'test-rule',
  name: 'Test',
  category: 'token',
  severity: 'block',
  description: 'd',
  remediation: 'r',
  content: { keywords: ['ghp_'], ...content } as RuleDefinition['content'],
  examples: ['x'],
  negative_examples: ['y'],
  file: 'test.yml',
});

async function scanWith(definition: RuleDefinition, text: string, useSecretlint = false) {
  const compiled = compileRule(definition);
  if (!compiled.ok) throw new Error(compiled.errors.join('\n'));
  const findings = await scanContent(createRuleSet([compiled.value], { useSecretlint }), 'a.txt', Buffer.from(text), { showSecrets: true });
  return findings.map((f) => `${f.ruleId}:${f.line}${f.severity === 'info' ? ':info' : ''}`);
}

describe('verify and requires in a rule', () => {
  const pattern = '(?<secret>ghp_[A-Za-z0-9]{36})';

  it('keeps a match whose checksum holds, and tells one whose checksum fails as INFO only', async () => {
    const good = fakeChecksummedToken('ghp_');
    const definition = rule({ pattern, verify: 'crc32-base62' });
    expect(await scanWith(definition, `a=${good}\nb=${breakChecksum(good)}\n`)).toEqual(['test-rule:1', 'test-rule:2:info']);
  });

  it('lets a rejected match veto secretlint reporting the same span', async () => {
    const bad = breakChecksum(fakeChecksummedToken('ghp_'));
    expect(await scanWith(rule({ pattern }), `t=${bad}\n`, true)).toEqual(['test-rule:1']);
    expect(await scanWith(rule({ pattern, verify: 'crc32-base62' }), `t=${bad}\n`, true)).toEqual(['test-rule:1:info']);
  });

  it('runs only when every `requires` pattern occurs in the file', async () => {
    const token = fakeChecksummedToken('ghp_');
    const definition = rule({ pattern, requires: ['"type":\\s*"bot"', 'owner'] });
    expect(await scanWith(definition, `{"type": "bot", "owner": 1, "t": "${token}"}`)).toEqual(['test-rule:1']);
    expect(await scanWith(definition, `{"type": "user", "owner": 1, "t": "${token}"}`)).toEqual([]);
  });

  it('rejects a bad `requires` pattern when rules compile', () => {
    const bad = compileRule(rule({ pattern, requires: ['(unclosed'] }));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors[0]).toMatch(/^content\.requires\[0\]: Invalid regular expression/);
  });
});

describe('crc32-hex-suffix (Zuplo API key checksums)', () => {
  const fakeZuplo = () => {
    const body = randomChars(32, 'abcdefghijklmnopqrstuvwxyz0123456789');
    return `zpka_${body}_${crc32(body).toString(16).padStart(8, '0')}`;
  };

  it('accepts a key whose last 8 hex digits are the CRC32 of the body', () => {
    for (let i = 0; i < 50; i++) expect(VERIFIERS['crc32-hex-suffix'](fakeZuplo())).toBe(true);
  });

  it('rejects a changed checksum or body, a missing checksum, or non-hex digits', () => {
    const key = fakeZuplo();
    const flip = (ch: string) => (ch === '0' ? '1' : '0');
    expect(VERIFIERS['crc32-hex-suffix'](key.slice(0, -1) + flip(key.at(-1)!))).toBe(false);
    expect(VERIFIERS['crc32-hex-suffix'](key.slice(0, 5) + flip(key[5]!) + key.slice(6))).toBe(false);
    expect(VERIFIERS['crc32-hex-suffix'](key.slice(0, -9))).toBe(false);
    expect(VERIFIERS['crc32-hex-suffix'](key.slice(0, -8) + 'zzzzzzzz')).toBe(false);
  });
});

describe('base64-pem-private-key (a private key written out in base64)', () => {
  const pem = (label: string, body: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
  const encode = (text: string) => Buffer.from(text).toString('base64');
  const body = () => randomChars(64, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');

  it('accepts a whole unencrypted private key of each PEM label', () => {
    for (const label of ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'PGP PRIVATE KEY BLOCK']) {
      expect(VERIFIERS['base64-pem-private-key'](encode(pem(label, body())))).toBe(true);
    }
  });

  it('rejects an encrypted key, a truncated one, a public key or a certificate', () => {
    expect(VERIFIERS['base64-pem-private-key'](encode(pem('ENCRYPTED PRIVATE KEY', body())))).toBe(false);
    expect(VERIFIERS['base64-pem-private-key'](encode(pem('RSA PRIVATE KEY', `Proc-Type: 4,ENCRYPTED\n${body()}`)))).toBe(false);
    expect(VERIFIERS['base64-pem-private-key'](encode(pem('PRIVATE KEY', body())).slice(0, 80))).toBe(false);
    expect(VERIFIERS['base64-pem-private-key'](encode(pem('PUBLIC KEY', body())))).toBe(false);
    expect(VERIFIERS['base64-pem-private-key'](encode(pem('CERTIFICATE', body())))).toBe(false);
  });
});
