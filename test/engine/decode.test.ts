import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { decodeText, detectEncoding, PIECE_BYTES } from '../../src/engine/decode.js';

/** Sniff, then decode: what the engine does with a file's bytes. */
function decodeContent(bytes: Uint8Array) {
  const encoding = detectEncoding(bytes);
  if (encoding === 'binary') return { kind: 'binary' as const };
  return { kind: 'text' as const, text: decodeText(bytes, encoding), encoding: encoding === 'utf8-bom' ? 'utf8' : encoding };
}

const TEXT = 'token = ghp_é✓\nsecond line';
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

describe('decodeContent', () => {
  it.each([
    ['UTF-8', Buffer.from(TEXT, 'utf8'), 'utf8'],
    ['UTF-8 with a BOM (the BOM is dropped)', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]), 'utf8'],
    ['UTF-16 LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]), 'utf16le'],
    ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]), 'utf16be'],
    ['UTF-16 LE without a BOM', Buffer.from(TEXT, 'utf16le'), 'utf16le'],
    ['UTF-16 BE without a BOM', utf16be(TEXT), 'utf16be'],
  ] as const)('decodes %s', (_, bytes, encoding) => {
    expect(decodeContent(bytes)).toEqual({ kind: 'text', text: TEXT, encoding });
  });

  it('decodes a Uint8Array that is a view into a larger buffer', () => {
    const whole = Buffer.from(`xx${TEXT}yy`, 'utf8');
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 2, whole.length - 4);
    expect(decodeContent(view)).toEqual({ kind: 'text', text: TEXT, encoding: 'utf8' });
  });

  it.each([
    ['a NUL among text', Buffer.from('PK\x03\x04\x00\x00 binary zip header ghp_ and more text', 'latin1')],
    ['a PNG header', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00])],
    ['a single NUL byte', Buffer.from([0x00])],
  ])('calls %s binary', (_, bytes) => {
    expect(decodeContent(bytes)).toEqual({ kind: 'binary' });
  });

  it('calls a file binary when the NUL comes late but within the first 8 KiB', () => {
    const bytes = Buffer.concat([Buffer.alloc(8000, 'a'), Buffer.from([0]), Buffer.from('tail')]);
    expect(decodeContent(bytes)).toEqual({ kind: 'binary' });
  });

  it('reads a file as text when its first NUL lies past the first 8 KiB', () => {
    const bytes = Buffer.concat([Buffer.alloc(8192, 'a'), Buffer.from([0]), Buffer.from('tail')]);
    const decoded = decodeContent(bytes);
    expect(decoded.kind).toBe('text');
    expect(decoded.kind === 'text' && decoded.text.length).toBe(8197);
  });

  it('decodes an empty file as empty text', () => {
    expect(decodeContent(Buffer.alloc(0))).toEqual({ kind: 'text', text: '', encoding: 'utf8' });
  });

  describe('a file larger than a piece (decoded in pieces)', () => {
    /** Bytes around every piece boundary: valid sequences of 1–4 bytes and broken ones. */
    const SEQUENCES = ['a', '\n', 'é', '✓', '😀'].map((c) => Buffer.from(c, 'utf8'));
    const BROKEN = [[0xe2, 0x82], [0xf0, 0x9f, 0x98], [0x80], [0x80, 0x80, 0x80, 0x80, 0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff]].map((b) => Buffer.from(b));

    function mixed(seed: Buffer, length: number): Buffer {
      const parts: Buffer[] = [];
      let size = 0;
      for (let i = 0; size < length; i++) {
        const byte = seed[i % seed.length]!;
        const part = byte < 8 ? BROKEN[byte % BROKEN.length]! : byte < 40 ? SEQUENCES[byte % SEQUENCES.length]! : Buffer.alloc(byte * 7, 'x');
        parts.push(part);
        size += part.length;
      }
      return Buffer.concat(parts).subarray(0, length);
    }

    it.each([0, 1, 2, 3, 4, 5, 6, 7])('gives the same text as one decode, whatever bytes meet at a boundary (sample %i)', () => {
      const bytes = mixed(randomBytes(4096), PIECE_BYTES * 3 + 17);
      expect(decodeText(bytes, 'utf8') === bytes.toString('utf8')).toBe(true);
    });

    it('gives the same text for every pair of sequences cut at every byte by a boundary', () => {
      const all = [...SEQUENCES, ...BROKEN];
      const padding = Buffer.alloc(PIECE_BYTES, 'a');
      for (const first of all) {
        for (const second of all) {
          const pair = Buffer.concat([first, second]);
          for (let shift = 0; shift <= pair.length + 1; shift++) {
            const bytes = Buffer.concat([padding.subarray(shift), pair, Buffer.from('tail')]);
            expect(decodeText(bytes, 'utf8') === bytes.toString('utf8'), `${pair.toString('hex')} at -${shift}`).toBe(true);
          }
        }
      }
    });

    it('decodes large UTF-16 (LE and BE, odd lengths too) and BOM-led UTF-8 like small', () => {
      const text = `${'✓a'.repeat(PIECE_BYTES / 2)}😀${'b'.repeat(PIECE_BYTES)}`;
      const le = Buffer.from(text, 'utf16le');
      expect(decodeText(le, 'utf16le') === text).toBe(true);
      expect(decodeText(Buffer.concat([le, Buffer.from([0x41])]), 'utf16le') === text).toBe(true);
      expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]), 'utf16be') === text).toBe(true);
      expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf8-bom') === text).toBe(true);
    });

    it('keeps the text on V8\'s heap, not in memory outside it', () => {
      const bytes = Buffer.alloc(8 * PIECE_BYTES, 'abcdefé');
      const before = process.memoryUsage().external;
      const text = decodeText(bytes, 'utf8');
      const grown = process.memoryUsage().external - before;
      expect(text.length).toBeGreaterThan(6 * PIECE_BYTES);
      // Decoded whole, Node would have put all 4 MB (8 MB as UTF-16) outside the heap.
      expect(grown).toBeLessThan(PIECE_BYTES);
    });
  });
});
