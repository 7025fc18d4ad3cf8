import { describe, expect, it } from 'vitest';
import { classRandomness, countBpeTokens, randomness } from '../../../src/engine/randomness/index.js';
import { binomialTails, distinctAtMost } from '../../../src/engine/randomness/tails.js';
import { BASE62, HEX, randomChars } from '../../helpers/fake-secrets.js';

const PASSWORD = BASE62 + '!#$%&*+-.:;<>=?@^_~';

describe('randomness (BPE tokens per character)', () => {
  it('scores values generated at run time above 0.45, whatever their alphabet and length', () => {
    for (let i = 0; i < 40; i++) {
      for (const value of [randomChars(16 + i, BASE62), randomChars(12 + (i % 10), PASSWORD), randomChars(16 + i, HEX), randomChars(20 + i, BASE62 + '-_')]) {
        expect(randomness(value), value).toBeGreaterThanOrEqual(0.45);
      }
    }
  });

  it('scores words, identifiers and paths written by people below 0.45', () => {
    const written = ['production_database_password', 'getElementById', 'SessionAuthentication', 'my-secret-value', 'keyboardcat', 'changeme', 'DefaultConnectionString', '/var/run/secrets/db', 'application/json', 'correcthorsebatterystaple'];
    for (const value of written) expect(randomness(value), value).toBeLessThan(0.45);
  });

  it('counts hex of 16 digits or more as generated, shorter or letter-only hex by its tokens', () => {
    expect(randomness(randomChars(16, HEX).replace(/^./, '7').replace(/.$/, 'c'))).toBe(1);
    expect(randomness('deadbeefcafebabe')).toBeLessThan(1);
  });
});

describe('character-class probability', () => {
  it('gives generated values a high probability and words a low one', () => {
    const generated = Array.from({ length: 50 }, () => classRandomness(randomChars(24)));
    expect(generated.filter((p) => p >= 0.1).length).toBeGreaterThanOrEqual(40);
    for (const word of ['productionDatabasePassword', 'test_validates_format_of', 'Password1234', 'aaaaaaaaaaaaaaaaaaaa']) {
      expect(classRandomness(word), word).toBeLessThan(0.1);
    }
  });
});

describe('tail probabilities', () => {
  it('binomial tails add up to one plus the point probability', () => {
    const { atMost, atLeast } = binomialTails(20, 0.3, 6);
    const point = 38760 * 0.3 ** 6 * 0.7 ** 14;
    expect(atMost + atLeast).toBeCloseTo(1 + point, 10);
  });

  it('the distinct-symbol tail matches a direct count on a tiny alphabet', () => {
    // 3 draws from 2 symbols: 2 of the 8 sequences show one symbol only.
    expect(distinctAtMost(3, 2, 1)).toBeCloseTo(2 / 8, 12);
    expect(distinctAtMost(4, 3, 2)).toBeCloseTo((3 + 3 * 14) / 81, 12);
  });
});

describe('the BPE token counter', () => {
  it('counts as many tokens as gpt-tokenizer\'s cl100k encoder, on generated and written values', async () => {
    const { createRequire } = await import('node:module');
    const { encode } = createRequire(import.meta.url)('gpt-tokenizer/cjs/encoding/cl100k_base') as { encode: (t: string) => number[] };
    const values = [
      ...Array.from({ length: 200 }, (_, i) => randomChars(8 + (i % 50), PASSWORD)),
      'production_database_password', 'getElementById', "don't stop", 'HTTP/1.1 200 OK', 'v2.14.0-rc.1', 'user@example.org', '2024-12-25T15:45:30.123Z',
    ];
    for (const value of values) expect(countBpeTokens(value), value).toBe(encode(value).length);
  });
});
