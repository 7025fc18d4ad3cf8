import { describe, expect, it } from 'vitest';
import { blankUnchanged } from '../../src/pipeline/blank-unchanged.js';
import { indexLines, type LineIndex } from '../../src/pipeline/line-index.js';
import { randomChars } from '../helpers/fake-secrets.js';


/** The bytes two versions share at their start, and then at their end. */
function shared(a: Buffer, b: Buffer): { prefix: number; suffix: number } {
  const limit = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

const plain = (index: LineIndex) => ({ newlines: [...index.newlines], marked: [...index.marked], pem: [...index.pem], hashes: [...index.hashes] });

/** A seeded sequence of versions of one file: lines edited, inserted, deleted, markers and a PEM header coming and going, the final newline too. */
function versions(seed: number, count: number): Buffer[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const line = () => (next() < 0.08 ? `${randomChars(6)} ${pick(['```', '~~~', '"""', "'''", '/*', '*/', '<!--', '-->', '-----BEGIN'])} ${randomChars(4)}` : next() < 0.1 ? '' : `${randomChars(3 + Math.floor(next() * 40))}`);
  let lines = Array.from({ length: 60 + Math.floor(next() * 200) }, line);
  const out: Buffer[] = [];
  for (let v = 0; v < count; v++) {
    // Whole lines deleted, inserted or replaced; a line split in two, or a few of its characters changed.
    const split = (l: string, at = Math.floor(next() * (l.length + 1))) => [l.slice(0, at), l.slice(at)];
    const touched = (l: string, at = Math.floor(next() * (l.length + 1))) => `${l.slice(0, at)}${randomChars(2)}${l.slice(at + 1)}`;
    lines = lines.flatMap((l) => (next() < 0.02 ? [] : next() < 0.02 ? [line(), l] : next() < 0.03 ? [line()] : next() < 0.02 ? split(l) : next() < 0.03 ? [touched(l)] : [l]));
    const text = lines.join(next() < 0.1 ? '\r\n' : '\n');
    out.push(Buffer.from(next() < 0.2 ? text : `${text}\n`));
  }
  return out;
}

describe("a version's line index, taken over from the version before it", () => {
  it('is the index read afresh, over 300 random chains of versions', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const chain = versions(seed, 6);
      let before = indexLines(chain[0]!);
      for (let v = 1; v < chain.length; v++) {
        const derived = indexLines(chain[v]!, { index: before, length: chain[v - 1]!.length, ...shared(chain[v - 1]!, chain[v]!) });
        expect(plain(derived), `seed ${seed}, version ${v}`).toEqual(plain(indexLines(chain[v]!)));
        before = derived;
      }
    }
  });

  it('gives the same blanked versions whether a version comes with the index of the one before it or not', () => {
    for (let seed = 301; seed <= 400; seed++) {
      const chain = versions(seed, 6);
      for (let v = 1; v < chain.length; v++) {
        // The chain's own buffers: each version's index was kept when it was compared; copies have none.
        const taken = blankUnchanged(chain[v - 1]!, chain[v]!);
        const afresh = blankUnchanged(Buffer.from(chain[v - 1]!), Buffer.from(chain[v]!));
        expect(taken.toString('latin1'), `seed ${seed}, version ${v}`).toBe(afresh.toString('latin1'));
      }
    }
  });
});
