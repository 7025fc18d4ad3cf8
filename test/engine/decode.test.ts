import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding } from '../../src/engine/decode.js';

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
});
