/** Binary sniff and text decoding. A NUL in the first 8 KiB means binary, unless it is UTF-16. */
export type Encoding = 'binary' | 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

const SNIFF_BYTES = 8192;

const asBuffer = (bytes: Uint8Array) =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);

/** Without a BOM, UTF-16 text shows as zero bytes in (almost) every other position. */
function guessUtf16(head: Uint8Array): Encoding | undefined {
  if (head.length < 16) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  const pairs = Math.floor(head.length / 2);
  // A few zeros on the other side are characters like U+0100 or U+4E00, not binary.
  const few = pairs * 0.05;
  if (oddZeros > pairs * 0.4 && evenZeros <= few) return 'utf16le';
  if (evenZeros > pairs * 0.4 && oddZeros <= few) return 'utf16be';
  return undefined;
}

/** Looks at the first bytes only: cheap enough for every file. */
export function detectEncoding(bytes: Uint8Array): Encoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8-bom';
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.indexOf(0) === -1) return 'utf8';
  return guessUtf16(head) ?? 'binary';
}

/** Text of a file that is not binary; invalid sequences become U+FFFD and scanning goes on. */
export function decodeText(bytes: Uint8Array, encoding: Exclude<Encoding, 'binary'>): string {
  const buffer = asBuffer(bytes);
  const hasBom = encoding !== 'utf8' && (buffer[0] === 0xff || buffer[0] === 0xfe || buffer[0] === 0xef);
  switch (encoding) {
    case 'utf8':
      return buffer.toString('utf8');
    case 'utf8-bom':
      return buffer.toString('utf8', 3);
    case 'utf16le':
      return buffer.subarray(hasBom ? 2 : 0).toString('utf16le');
    case 'utf16be': {
      const body = buffer.subarray(hasBom ? 2 : 0);
      const swapped = Buffer.from(body.subarray(0, body.length - (body.length % 2)));
      return swapped.swap16().toString('utf16le');
    }
  }
}
