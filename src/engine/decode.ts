/** Binary sniff and text decoding. A NUL in the first 8 KiB means binary, unless it is UTF-16. */
export type Decoded = { kind: 'binary' } | { kind: 'text'; text: string; encoding: TextEncoding };
export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

const SNIFF_BYTES = 8192;

function swapBytes(bytes: Uint8Array): Buffer {
  const swapped = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return swapped.swap16();
}

/** Without a BOM, UTF-16 text shows as zero bytes in every other position. */
function guessUtf16(head: Uint8Array): TextEncoding | undefined {
  if (head.length < 16) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  const pairs = Math.floor(head.length / 2);
  if (oddZeros > pairs * 0.4 && evenZeros === 0) return 'utf16le';
  if (evenZeros > pairs * 0.4 && oddZeros === 0) return 'utf16be';
  return undefined;
}

export function decodeContent(bytes: Uint8Array): Decoded {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (buffer[0] === 0xff && buffer[1] === 0xfe) {
    return { kind: 'text', text: buffer.subarray(2).toString('utf16le'), encoding: 'utf16le' };
  }
  if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    return { kind: 'text', text: swapBytes(buffer.subarray(2)).toString('utf16le'), encoding: 'utf16be' };
  }
  const head = buffer.subarray(0, SNIFF_BYTES);
  if (head.indexOf(0) !== -1) {
    const utf16 = guessUtf16(head);
    if (utf16 === 'utf16le') return { kind: 'text', text: buffer.toString('utf16le'), encoding: utf16 };
    if (utf16 === 'utf16be') return { kind: 'text', text: swapBytes(buffer).toString('utf16le'), encoding: utf16 };
    return { kind: 'binary' };
  }
  const start = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  return { kind: 'text', text: buffer.toString('utf8', start), encoding: 'utf8' };
}
