import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ESCAPE_LIMITS } from '../../../src/engine/decoders/escaped-spans.js';
import { hexEscapeDecoder } from '../../../src/engine/decoders/hex-escape.js';
import { hexDecoder } from '../../../src/engine/decoders/hex.js';
import { htmlEntityDecoder } from '../../../src/engine/decoders/html-entities.js';
import { DECODER_TRIGGERS, DECODERS } from '../../../src/engine/decoders/index.js';
import { percentDecoder } from '../../../src/engine/decoders/percent.js';
import type { Decoder } from '../../../src/engine/decoders/types.js';
import { unicodeEscapeDecoder } from '../../../src/engine/decoders/unicode-escape.js';

/** The decoded values a decoder finds in a text, with the encoded text each stands for. */
const found = (decoder: Decoder, text: string, budget = { bytes: 1 << 20 }) =>
  decoder.find(text, budget).map((e) => ({ encoded: text.slice(e.start, e.end), decoded: e.decoded, key: e.key }));

describe('each decoder finds the values holding its escapes, and decodes them', () => {
  it('percent-encoding: a whole query string decodes together, `+` stays a plus', () => {
    expect(found(percentDecoder, 'GET /cb?next=a%3Db%26token%3Dab+cd%2Fef HTTP/1.1')).toEqual([
      { encoded: '/cb?next=a%3Db%26token%3Dab+cd%2Fef', decoded: '/cb?next=a=b&token=ab+cd/ef', key: undefined },
    ]);
    // Non-ASCII as UTF-8 bytes; a value with no escape of printable ASCII is not even looked at.
    expect(found(percentDecoder, 'q=caf%C3%A9%20ok')[0]!.decoded).toBe('q=café ok');
    expect(found(percentDecoder, 'q=caf%C3%A9 plain text with no escapes')).toEqual([]);
  });

  it('\\u escapes: JSON strings, with \\" and braces, stopping at the string\'s own quote', () => {
    expect(found(unicodeEscapeDecoder, '{"cfg": "{\\u0022a\\u0022: \\"b\\", \\u{41}}", "x": 1}')).toEqual([
      { encoded: '{\\u0022a\\u0022: \\"b\\", \\u{41}}', decoded: '{"a": "b", A}', key: 'cfg' },
    ]);
  });

  it('\\u escapes: an escaped line break (a source map\'s `\\n`) ends a value as a real one would', () => {
    expect(found(unicodeEscapeDecoder, '{"src": "const a = 1;\\nconst url = \\u0022x\\u003dy\\u0022;\\nconst b = 2;"}')).toEqual([
      { encoded: 'const url = \\u0022x\\u003dy\\u0022;', decoded: 'const url = "x=y";', key: undefined },
    ]);
  });

  it('\\x escapes: runs decode as UTF-8 bytes', () => {
    expect(found(hexEscapeDecoder, 'k = b"\\x70\\x61\\x73\\x73\\x3d\\xc3\\xa9t\\xc3\\xa9 ok"')).toEqual([
      { encoded: '\\x70\\x61\\x73\\x73\\x3d\\xc3\\xa9t\\xc3\\xa9 ok', decoded: 'pass=été ok', key: undefined },
    ]);
  });

  it('HTML entities: numeric and the named ones; unknown names and bare `&` stay as written', () => {
    expect(found(htmlEntityDecoder, '<a data-x="{&quot;k&quot;:&#x76;&#97;l &amp; &bogus; AT&T}">')).toEqual([
      { encoded: '{&quot;k&quot;:&#x76;&#97;l &amp; &bogus; AT&T}', decoded: '{"k":val & &bogus; AT&T}', key: 'data-x' },
    ]);
  });

  it('hex: text written as hex decodes; hashes and random keys do not', () => {
    const text = Buffer.from('password=Vq9#mT2!xLp7 for the db').toString('hex');
    const sha = createHash('sha256').update('x').digest('hex');
    expect(found(hexDecoder, `blob: ${text}\nsum: ${sha}\nkey: ${randomBytes(32).toString('hex')}\n`)).toEqual([
      { encoded: text, decoded: 'password=Vq9#mT2!xLp7 for the db', key: 'blob' },
    ]);
    expect(hexDecoder.triggers).toContain(Buffer.from('password').toString('hex'));
  });

  it('knows where each decoded character was written: its own escape in an even run, the run\'s start in an uneven one', () => {
    const [value] = percentDecoder.find('x a=%67%68%70_1%C3%A9z', { bytes: 1 << 20 });
    const origins = [...value!.decoded].map((_, i) => value!.origin!(i));
    // a = g h p _ 1 é z
    expect(origins).toEqual([0, 1, 2, 5, 8, 11, 12, 13, 19]);
    expect(value!.start).toBe(2);
  });

  it('leaves values that decode to themselves or to almost nothing', () => {
    expect(found(percentDecoder, 'printf("%5d")')).toEqual([]);
    expect(found(htmlEntityDecoder, 'x="&#65;&#66;"')).toEqual([]);
  });
});

describe('bounds', () => {
  it('a value reaches at most ESCAPE_LIMITS.reach characters either side of its first escape', () => {
    const text = `${'a'.repeat(100_000)}%41${'b'.repeat(100_000)}`;
    const [value] = found(percentDecoder, text);
    expect(value!.encoded.length).toBe(2 * ESCAPE_LIMITS.reach + 3);
  });

  it('decodes at most ESCAPE_LIMITS.valuesPerText values per text, and stops when the budget is spent', () => {
    const many = Array.from({ length: 1000 }, (_, i) => `"v${i}=%41%42%43%44%45%46%47"`).join(',');
    expect(percentDecoder.find(many, { bytes: 1 << 20 })).toHaveLength(ESCAPE_LIMITS.valuesPerText);
    const budget = { bytes: 100 };
    expect(percentDecoder.find(many, budget).length).toBeLessThan(15);
    expect(budget.bytes).toBeLessThanOrEqual(0);
  });

  it('every trigger is printable ASCII (the prefilter matches bytes), and every decoder has some', () => {
    for (const decoder of DECODERS) expect(decoder.triggers.length, decoder.label).toBeGreaterThan(0);
    for (const trigger of DECODER_TRIGGERS) expect(trigger).toMatch(/^[\x20-\x7e]+$/);
  });
});
