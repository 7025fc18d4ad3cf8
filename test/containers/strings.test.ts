import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIN_RUN, printableRuns } from '../../src/engine/containers/strings.js';
import { randomChars } from '../helpers/fake-secrets.js';
import { useTempDir } from '../helpers/temp-dir.js';

const hasStrings = spawnSync('strings', ['--version']).status === 0;

/** Bytes that are never printable in either encoding: high bytes, and controls other than tab/newline/CR. */
function noise(length: number): Buffer {
  return Buffer.from([...randomBytes(length)].map((byte) => (byte & 1 ? 0x80 | byte : 1 + (byte % 8))));
}

/** A binary of noise with ASCII and UTF-16LE text of random lengths (some too short to count) in between. */
function binaryWithText(): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < 200; i++) {
    parts.push(noise(randomInt(1, 40)));
    const text = randomChars(randomInt(3, 30)) + (i % 7 === 0 ? '\tkey=\r\nvalue' : '');
    parts.push(i % 3 === 0 ? Buffer.from(text, 'utf16le') : Buffer.from(text, 'latin1'));
  }
  return Buffer.concat(parts);
}

/** `strings -t d` lines: offset, then the text (whitespace inside kept with -w). */
function binutils(file: string, encoding: 's' | 'l'): { offset: number; text: string }[] {
  const out = spawnSync('strings', ['-a', '-w', '-n', String(MIN_RUN), '-t', 'd', '-e', encoding, file], { encoding: 'latin1' }).stdout;
  // With -w a run may hold line breaks, so records are split on the offset that starts each.
  return [...out.matchAll(/^ *(\d+) ([^]*?)(?=\n *\d+ |\n$)/gm)].map((m) => ({ offset: Number(m[1]), text: m[2]! }));
}

describe('printable runs of a binary', () => {
  it.runIf(hasStrings)('are the runs binutils `strings` finds, ASCII and UTF-16LE, with their byte offsets', () => {
    const dir = useTempDir('airlock-strings-');
    for (let round = 0; round < 5; round++) {
      const bytes = binaryWithText();
      const file = join(dir, `bin-${round}`);
      writeFileSync(file, bytes);
      const runs = printableRuns(bytes);
      const ours = (width: 1 | 2) => runs.filter((r) => r.width === width).map(({ offset, text }) => ({ offset, text }));
      expect(ours(1)).toEqual(binutils(file, 's'));
      expect(ours(2)).toEqual(binutils(file, 'l'));
      expect(ours(1).length + ours(2).length).toBeGreaterThan(50);
    }
  });

  it.runIf(hasStrings)('are found where bytes of runs are dense too: zeros, printable and other bytes mixed at random (the skipping never skips a run)', () => {
    const dir = useTempDir('airlock-strings-');
    const printable = Buffer.from(randomChars(64), 'latin1');
    for (const [zeros, printables] of [[0.1, 0.6], [0.3, 0.5], [0.45, 0.45], [0.05, 0.9]] as const) {
      const bytes = Buffer.from(
        Array.from({ length: 20_000 }, () => {
          const pick = Math.random();
          return pick < zeros ? 0 : pick < zeros + printables ? printable[randomInt(printable.length)]! : 0x80 + randomInt(128);
        }),
      );
      const file = join(dir, `dense-${zeros}`);
      writeFileSync(file, bytes);
      const runs = printableRuns(bytes);
      const ours = (width: 1 | 2) => runs.filter((r) => r.width === width).map(({ offset, text }) => ({ offset, text }));
      expect(ours(1), `zeros ${zeros}, printable ${printables}`).toEqual(binutils(file, 's'));
      expect(ours(2), `zeros ${zeros}, printable ${printables}`).toEqual(binutils(file, 'l'));
      expect(runs.length).toBeGreaterThan(0);
    }
  });

  it('keeps a run that reaches the end of the bytes, and drops runs shorter than the minimum', () => {
    const bytes = Buffer.concat([noise(5), Buffer.from('short'), noise(3), Buffer.from('x'.repeat(MIN_RUN))]);
    expect(printableRuns(bytes)).toEqual([{ offset: 13, width: 1, text: 'x'.repeat(MIN_RUN) }]);
  });
});
