import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPrefilter } from '../../src/engine/prefilter.js';

const found = (keywords: string[], text: string | Buffer) =>
  [...createPrefilter(keywords)(typeof text === 'string' ? Buffer.from(text) : text)].sort();

/** The obvious implementation, to compare the automaton against. */
const naive = (keywords: string[], text: Buffer) => {
  const lower = text.toString('latin1').toLowerCase();
  return [...new Set(keywords.map((k) => k.toLowerCase()))].filter((k) => lower.includes(k)).sort();
};

describe('keyword prefilter (Aho-Corasick over bytes)', () => {
  it.each([
    { keywords: ['ghp_', 'akia'], text: 'token = "ghp_abc"', expected: ['ghp_'] },
    { keywords: ['ghp_', 'akia'], text: 'nothing here', expected: [] },
    { keywords: ['akia'], text: 'AKIA and Akia', expected: ['akia'] },
    { keywords: ['private key'], text: '-----BEGIN RSA PRIVATE KEY-----', expected: ['private key'] },
    { keywords: ['sk-', 'sk-ant-', 'ant-'], text: 'x sk-ant-api03 y', expected: ['ant-', 'sk-', 'sk-ant-'] },
    { keywords: ['ab', 'bc'], text: 'abc', expected: ['ab', 'bc'] },
    { keywords: ['aab'], text: 'aaab', expected: ['aab'] },
    { keywords: ['hvs.', 'sg.'], text: 'hvsX sgX', expected: [] },
    { keywords: ['hvs.', 'sg.'], text: 'SG.key hvs.tok', expected: ['hvs.', 'sg.'] },
    { keywords: ['://'], text: 'https://user:pw@host', expected: ['://'] },
  ])('finds $expected in $text', ({ keywords, text, expected }) => {
    expect(found(keywords, text)).toEqual(expected);
  });

  it('folds ASCII case only: bytes outside ASCII never match a letter', () => {
    expect(found(['ghp_'], Buffer.from([0xc7, 0x48, 0x50, 0x5f]))).toEqual([]);
    expect(found(['ghp_'], Buffer.from('GHP_'))).toEqual(['ghp_']);
  });

  it('agrees with a naive search on random text', () => {
    const keywords = ['ab', 'abc', 'bca', 'cab', 'a_b', 'zz', 'b.c', 'CA'];
    for (let round = 0; round < 200; round++) {
      const text = Buffer.from([...randomBytes(200)].map((b) => 'abcABC_.z'.charCodeAt(b % 9)));
      expect(found(keywords, text)).toEqual(naive(keywords, text));
    }
  });

  it('finds nothing with no keywords', () => {
    expect(found([], 'anything')).toEqual([]);
  });
});
