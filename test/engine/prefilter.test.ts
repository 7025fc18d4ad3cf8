import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPrefilter, MAX_KEYWORD_POSITIONS } from '../../src/engine/prefilter.js';
import { loadRules } from '../../src/rules/load.js';
import { REPO_DIR } from '../helpers/cli.js';

const sorted = (found: Set<string>) => [...found].sort();

// The main prefilter (one per thread) reads with its own closure, the gated ones with a plain
// loop (src/engine/prefilter.ts): both must find the same.
describe.each([
  { reader: "the main prefilter's reader", isMain: true },
  { reader: 'the plain reader of the gated prefilters', isMain: false },
])('$reader', ({ isMain }) => {
  const make = (keywords: string[]) => createPrefilter(keywords, undefined, { isMain });

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
      expect(sorted(make(keywords)(Buffer.from(text)))).toEqual(expected);
    });

    it('finds nothing when there are no keywords', () => {
      expect(sorted(make([])(Buffer.from('ghp_ anything')))).toEqual([]);
    });

    it('gives the same answer when called again (no state leaks between files)', () => {
      const prefilter = make(['ghp_', 'akia']);
      expect(sorted(prefilter(Buffer.from('ghp_ AKIA')))).toEqual(['akia', 'ghp_']);
      expect(sorted(prefilter(Buffer.from('akia only')))).toEqual(['akia']);
      expect(sorted(prefilter(Buffer.from('neither')))).toEqual([]);
    });
  });

  describe('a large text, read as two halves side by side', () => {
    /** Every occurrence of each keyword, case-insensitively, by a plain search: what the automaton must agree with. */
    function reference(keywords: string[], text: string) {
      const lower = text.toLowerCase();
      const positions = new Map<string, number[]>();
      for (const keyword of new Set(keywords.map((k) => k.toLowerCase()))) {
        const found: number[] = [];
        for (let at = lower.indexOf(keyword); at !== -1; at = lower.indexOf(keyword, at + 1)) found.push(at);
        if (found.length > 0) positions.set(keyword, found.slice(0, MAX_KEYWORD_POSITIONS));
      }
      return positions;
    }
    const keywords = ['ghp_', 'token', 'ok', 'secret_access_key', 'tok'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_ \n';

    it('finds every occurrence, in order, wherever the halves meet (random texts of 1 to 5,000 bytes)', () => {
      const prefilter = make(keywords);
      for (let round = 0; round < 300; round++) {
        const length = 1 + Math.floor(next() * 5000);
        const chars = Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]!);
        // Plant keywords, some across the middle, where the second half begins to be read.
        for (let k = 0; k < 6; k++) {
          const keyword = keywords[Math.floor(next() * keywords.length)]!.toUpperCase();
          const around = k < 3 ? (length >> 1) - Math.floor(next() * keyword.length * 2) : Math.floor(next() * length);
          for (let i = 0; i < keyword.length && around + i < length; i++) if (around + i >= 0) chars[around + i] = keyword[i]!;
        }
        const text = chars.join('');
        const hits = prefilter(Buffer.from(text, 'latin1'));
        expect(Object.fromEntries(hits.positions), `round ${round}, ${length} bytes`).toEqual(Object.fromEntries(reference(keywords, text)));
        expect(sorted(hits)).toEqual([...reference(keywords, text).keys()].sort());
        expect(hits.dense.size).toBe(0);
      }
    });

    it('keeps the first positions of a keyword found more often than it can list, in both halves, and marks it dense', () => {
      const prefilter = make(keywords);
      // Far more hits in the second half than are held back while the first is read.
      const text = 'x'.repeat(10_000) + ' ok'.repeat(MAX_KEYWORD_POSITIONS) + ' tok '.repeat(40_000);
      const hits = prefilter(Buffer.from(text));
      const expected = reference(keywords, text);
      expect(hits.positions.get('ok')).toEqual(expected.get('ok'));
      expect(hits.positions.get('tok')).toEqual(expected.get('tok'));
      expect([...hits.dense].sort()).toEqual(['ok', 'tok']);
      // The same prefilter on a small text afterwards: nothing left over from the large one.
      expect(Object.fromEntries(prefilter(Buffer.from('a token')).positions)).toEqual({ tok: [2], ok: [3], token: [2] });
    });
  });

  describe("the shipped rules' keywords, all in one automaton", () => {
    it('finds every occurrence of each, as a plain search does (deep failure chains, shared prefixes)', async () => {
      const loaded = await loadRules([join(REPO_DIR, 'rules')]);
      if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
      const keywords = [...new Set(loaded.value.flatMap((d) => d.content?.keywords ?? []).map((k) => k.toLowerCase()))];
      expect(keywords.length).toBeGreaterThan(1000);
      const prefilter = make(keywords);
      let seed = 11;
      const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (let round = 0; round < 12; round++) {
        // Keywords in random case, cut short or run into one another, between random characters.
        const pieces: string[] = [];
        while (pieces.join('').length < 4000) {
          const keyword = keywords[Math.floor(next() * keywords.length)]!;
          const cut = next() < 0.3 ? keyword.slice(0, Math.max(1, Math.floor(next() * keyword.length))) : keyword;
          pieces.push([...cut].map((ch) => (next() < 0.5 ? ch.toUpperCase() : ch)).join(''), next() < 0.5 ? '' : ' =_.-'[Math.floor(next() * 5)]!);
        }
        const text = pieces.join('');
        const lower = text.toLowerCase();
        const expected: Record<string, number[]> = {};
        for (const keyword of keywords) {
          const found: number[] = [];
          for (let at = lower.indexOf(keyword); at !== -1; at = lower.indexOf(keyword, at + 1)) found.push(at);
          if (found.length > 0) expected[keyword] = found;
        }
        expect(Object.keys(expected).length).toBeGreaterThan(50);
        const hits = prefilter(Buffer.from(text, 'latin1'));
        expect(Object.fromEntries([...hits.positions].sort(([a], [b]) => a.localeCompare(b))), `round ${round}`).toEqual(
          Object.fromEntries(Object.entries(expected).sort(([a], [b]) => a.localeCompare(b))),
        );
      }
    });
  });
});

describe('the automaton kept as an image between runs', () => {
  const keywords = ['ghp_', 'token', 'ok', 'secret_access_key', 'tok', 'private key', 'sk-ant-'];
  const texts = ['a TOKEN here', 'ghp_x and sk-ant-api', '-----BEGIN PRIVATE KEY-----', 'nothing', 'ok tok token'.repeat(200)];
  const positions = (prefilter: ReturnType<typeof createPrefilter>, text: string) => Object.fromEntries(prefilter(Buffer.from(text)).positions);

  it('is taken back whole: the same hits, in the same places', () => {
    const built = createPrefilter(keywords);
    expect(built.isFromImage).toBe(false);
    const restored = createPrefilter(keywords, built.image());
    expect(restored.isFromImage).toBe(true);
    for (const text of texts) expect(positions(restored, text)).toEqual(positions(built, text));
    // A copy at an offset no 32-bit view can start at, as a slice of a larger buffer may be.
    const image = built.image();
    const shifted = new Uint8Array(image.length + 1);
    shifted.set(image, 1);
    const fromOdd = createPrefilter(keywords, shifted.subarray(1));
    expect(fromOdd.isFromImage).toBe(true);
    expect(positions(fromOdd, texts[1]!)).toEqual(positions(built, texts[1]!));
  });

  it('is not used for other keywords, or damaged, or cut short: the automaton is built instead', () => {
    const image = createPrefilter(keywords).image();
    const other = createPrefilter([...keywords, 'akia'], image);
    expect(other.isFromImage).toBe(false);
    expect(sorted(other(Buffer.from('AKIA token')))).toEqual(['akia', 'ok', 'tok', 'token']);
    const damaged = image.slice();
    damaged[300] = damaged[300]! ^ 0xff; // in the table (past the 28-byte header and 256 byte classes)
    expect(createPrefilter(keywords, damaged).isFromImage).toBe(false);
    expect(createPrefilter(keywords, image.subarray(0, image.length - 1)).isFromImage).toBe(false);
    expect(createPrefilter(keywords, new Uint8Array(0)).isFromImage).toBe(false);
    expect(sorted(createPrefilter(keywords, damaged)(Buffer.from('ghp_')))).toEqual(['ghp_']);
  });
});
