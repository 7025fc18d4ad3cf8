import { describe, expect, it } from 'vitest';
import { fingerprint, maskSecret } from '../../src/engine/mask.js';
import { fakeGithubToken, randomChars } from '../helpers/fake-secrets.js';

describe('maskSecret', () => {
  it.each([
    ['a 40-character token keeps 4 characters', `ghp_${'Q7rT2mZp9LxW4nVb8KcJ3hYd6FgS1aEuR5tW'}`, 'ghp_…'],
    ['24 characters keep 4', 'AbCdEfGhIjKlMnOpQrStUvWx', 'AbCd…'],
    ['23 characters keep 2', 'AbCdEfGhIjKlMnOpQrStUvW', 'Ab…'],
    ['12 characters keep 2', 'AbCdEfGhIjKl', 'Ab…'],
    ['11 characters keep none', 'AbCdEfGhIjK', '…'],
    ['an empty value', '', '…'],
    ['control characters in the prefix are dropped', '\x1b[31mAbCdEfGhIjKlMnOpQrStUvWx', '[31…'],
    ['a space in the prefix is dropped', 'a b cdefghijklmnopqrstuvwxyz', 'ab…'],
  ])('%s', (_, secret, masked) => {
    expect(maskSecret(secret)).toBe(masked);
  });

  it('never returns more than 4 characters of a random secret', () => {
    for (let i = 0; i < 50; i++) {
      const secret = randomChars(12 + i);
      const masked = maskSecret(secret);
      expect(masked.endsWith('…')).toBe(true);
      expect(masked.length).toBeLessThanOrEqual(5);
      expect(secret.startsWith(masked.slice(0, -1))).toBe(true);
    }
  });
});

describe('fingerprint', () => {
  it('is 32 lower-case hex characters', () => {
    expect(fingerprint('github-pat', fakeGithubToken())).toMatch(/^[0-9a-f]{32}$/);
  });

  it('is the same for the same rule and secret (stable across runs)', () => {
    const secret = fakeGithubToken();
    expect(fingerprint('github-pat', secret)).toBe(fingerprint('github-pat', secret));
    // A fixed input pins the algorithm: sha256("rule\0value"), first 32 hex characters.
    expect(fingerprint('rule', 'value')).toBe('678764745d30019c87c62dce680f9942');
  });

  it('differs by rule for the same secret', () => {
    const secret = fakeGithubToken();
    expect(fingerprint('github-pat', secret)).not.toBe(fingerprint('secretlint/github', secret));
  });

  it('differs by secret for the same rule', () => {
    expect(fingerprint('github-pat', fakeGithubToken())).not.toBe(fingerprint('github-pat', fakeGithubToken()));
  });

  it('does not run rule and secret together ("ab"+"c" is not "a"+"bc")', () => {
    expect(fingerprint('ab', 'c')).not.toBe(fingerprint('a', 'bc'));
  });

  it('never contains the secret or any 6 characters of it', () => {
    for (let i = 0; i < 20; i++) {
      const secret = randomChars(40, '0123456789abcdef');
      const print = fingerprint('hex-secret', secret);
      for (let start = 0; start + 6 <= secret.length; start++) expect(print).not.toContain(secret.slice(start, start + 6));
    }
  });
});
