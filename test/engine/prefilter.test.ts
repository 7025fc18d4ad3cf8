import { describe, expect, it } from 'vitest';
import { createPrefilter } from '../../src/engine/prefilter.js';

const sorted = (found: Set<string>) => [...found].sort();

describe('createPrefilter', () => {
  it.each([
    ['finds nothing in text without keywords', ['ghp_', 'akia'], 'plain text, nothing to see', []],
    ['matches case-insensitively', ['ghp_', 'akia'], 'GHP_abc and AkIa123', ['akia', 'ghp_']],
    ['lower-cases the keywords it is given', ['GHP_', 'Private Key'], 'ghp_x -----BEGIN PRIVATE KEY-----', ['ghp_', 'private key']],
    ['reports each keyword once however often it occurs', ['ghp_'], 'ghp_ ghp_ GHP_', ['ghp_']],
    ['counts a longer keyword as proof of the shorter one inside it', ['sk-', 'sk-ant-'], 'key: sk-ant-api03', ['sk-', 'sk-ant-']],
    ['finds only the shorter keyword when the longer one is absent', ['sk-', 'sk-ant-'], 'key: sk-proj', ['sk-']],
    ['finds keywords that overlap in the text', ['abcd', 'cdef'], 'xxabcdefxx', ['abcd', 'cdef']],
    ['finds a keyword that starts inside another match', ['hooks.slack', 'slack.com'], 'https://hooks.slack.com/services', ['hooks.slack', 'slack.com']],
    ['finds keywords at the very start and end', ['npm_', 'x-oauth-basic'], 'npm_ … x-oauth-basic', ['npm_', 'x-oauth-basic']],
    ['treats regex characters in keywords literally', ['sg.', 'a+b'], 'SGX a+b', ['a+b']],
    ['ignores duplicates in the keyword list', ['ghp_', 'GHP_', 'ghp_'], 'ghp_', ['ghp_']],
  ])('%s', (_, keywords, text, expected) => {
    expect(sorted(createPrefilter(keywords)(Buffer.from(text)))).toEqual(expected);
  });

  it('finds nothing when there are no keywords', () => {
    expect(sorted(createPrefilter([])(Buffer.from('ghp_ anything')))).toEqual([]);
  });

  it('gives the same answer when called again (no state leaks between files)', () => {
    const prefilter = createPrefilter(['ghp_', 'akia']);
    expect(sorted(prefilter(Buffer.from('ghp_ AKIA')))).toEqual(['akia', 'ghp_']);
    expect(sorted(prefilter(Buffer.from('akia only')))).toEqual(['akia']);
    expect(sorted(prefilter(Buffer.from('neither')))).toEqual([]);
  });
});
