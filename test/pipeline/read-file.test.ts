import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SNIFF_BYTES } from '../../src/engine/decode.js';
import { readFileSafely, SCRATCH_LIMIT, SNIFF_FIRST_BYTES } from '../../src/pipeline/read-file.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

/** Bytes this process has read through read(2) and friends so far (Linux's own count). */
const bytesRead = () => Number(/^rchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))![1]);

/** What one read of `path` costs in bytes read, and what it returned. */
function measuredRead(path: string) {
  const before = bytesRead();
  const outcome = readFileSafely(path, 10 * 2 ** 20);
  // Reading /proc/self/io is itself a read: measured both times, it cancels out.
  return { outcome, read: bytesRead() - before };
}

describe.runIf(process.platform === 'linux')('reading a file (counted by the kernel)', () => {
  const SIZE = 4 * 2 ** 20;

  it('stops after the first bytes of a large image, and reads a large text file and a large binary whole', () => {
    const dir = useTempDir('airlock-read-');
    writeTree(dir, {
      'image.bin': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]), Buffer.alloc(SIZE, 'z')]),
      'module.so': Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00]), Buffer.alloc(SIZE, 'z')]),
      'bundle.js': Buffer.alloc(SIZE, 'a'),
      'utf16.txt': Buffer.from('t'.repeat(SIZE / 2), 'utf16le'),
      'small.bin': Buffer.concat([Buffer.from([0x00]), Buffer.alloc(SNIFF_FIRST_BYTES - 2, 'z')]),
    });
    measuredRead(join(dir, 'bundle.js')); // the first read grows the scratch buffer; not measured

    const binary = measuredRead(join(dir, 'image.bin'));
    expect(binary.outcome).toMatchObject({ ok: true, isMedia: true });
    expect(binary.outcome.ok && binary.outcome.bytes.length).toBe(SNIFF_BYTES);
    expect(binary.read).toBeLessThan(SNIFF_FIRST_BYTES);

    // Any other binary is read whole: its printable strings are scanned.
    const module = measuredRead(join(dir, 'module.so'));
    expect(module.outcome.ok && [module.outcome.bytes.length, module.outcome.isMedia]).toEqual([SIZE + 5, undefined]);

    const text = measuredRead(join(dir, 'bundle.js'));
    expect(text.outcome.ok && [text.outcome.bytes.length, text.outcome.isMedia]).toEqual([SIZE, undefined]);
    expect(text.read).toBeGreaterThanOrEqual(SIZE);

    // Zeros in every other byte, but UTF-16 text: read whole.
    const utf16 = measuredRead(join(dir, 'utf16.txt'));
    expect(utf16.outcome.ok && [utf16.outcome.bytes.length, utf16.outcome.isMedia]).toEqual([SIZE, undefined]);

    // Below the sniffing size a binary file is read in one call, whole: nothing to save.
    const small = readFileSafely(join(dir, 'small.bin'), 2 ** 20);
    expect(small.ok && [small.bytes.length, small.isMedia]).toEqual([SNIFF_FIRST_BYTES - 1, undefined]);
  });

  it('reads a file larger than the reusable buffer into one of its own, which the next read does not keep', () => {
    const dir = useTempDir('airlock-read-');
    writeTree(dir, { 'large.txt': Buffer.alloc(SCRATCH_LIMIT + 2 ** 20, 'b'), 'medium.txt': Buffer.alloc(SCRATCH_LIMIT - 2 ** 20, 'm'), 'small.txt': 'small\n' });
    const bufferOf = (name: string) => {
      const outcome = readFileSafely(join(dir, name), 10 * 2 ** 20);
      if (!outcome.ok) throw new Error(outcome.detail);
      return outcome.bytes;
    };
    const medium = bufferOf('medium.txt');
    expect(medium.length).toBe(SCRATCH_LIMIT - 2 ** 20);
    const reused = medium.buffer;
    // Up to the limit, every read lands in the same buffer.
    expect(bufferOf('small.txt').buffer).toBe(reused);
    const large = bufferOf('large.txt');
    expect([large.length, large.every((byte) => byte === 0x62)]).toEqual([SCRATCH_LIMIT + 2 ** 20, true]);
    expect(large.buffer).not.toBe(reused);
    const small = bufferOf('small.txt');
    expect(small.toString()).toBe('small\n');
    expect(small.buffer).toBe(reused);
    expect(small.buffer.byteLength).toBeLessThanOrEqual(SCRATCH_LIMIT);
  });
});
