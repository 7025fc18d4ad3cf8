/** Binary sniff and text decoding. A NUL in the first 8 KiB means binary, unless it is UTF-16. */
export type Encoding = 'binary' | 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

/** How many leading bytes decide whether a file is binary. */
export const SNIFF_BYTES = 8192;

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

/**
 * The most bytes decoded at once. Node makes a longer string outside V8's heap, in memory from
 * the C allocator, which keeps much of it after the string is gone: on a large tree that was
 * 40 MiB of a scan's peak. Pieces below Node's threshold (about 1 MB) are strings on V8's
 * heap, joined, then flattened there when first matched; V8 returns that memory when it frees
 * the text.
 */
export const PIECE_BYTES = 512 * 1024;

const isContinuation = (byte: number | undefined) => byte !== undefined && (byte & 0xc0) === 0x80;

/**
 * Where a piece of UTF-8 ending near `end` may end: before the start of the sequence that
 * `end` falls in, so no sequence is split. A byte that is not a continuation byte starts afresh
 * whatever came before, and so does the fourth continuation byte in a row.
 */
function pieceEnd(buffer: Buffer, end: number): number {
  if (end >= buffer.length) return buffer.length;
  for (let cut = end, back = 0; back <= 3; cut--, back++) {
    if (!isContinuation(buffer[cut])) return cut;
  }
  return end;
}

/** UTF-8 text from `start` on, decoded in pieces of at most PIECE_BYTES (the same text). */
function utf8Text(buffer: Buffer, start: number): string {
  let text = '';
  for (let at = start; at < buffer.length; ) {
    const end = pieceEnd(buffer, at + PIECE_BYTES);
    text += buffer.toString('utf8', at, end);
    at = end;
  }
  return text;
}

/** UTF-16LE text, in pieces of an even number of bytes (a code unit is never split). */
function utf16Text(buffer: Buffer): string {
  let text = '';
  for (let at = 0; at < buffer.length; at += PIECE_BYTES) text += buffer.toString('utf16le', at, Math.min(buffer.length, at + PIECE_BYTES));
  return text;
}

/** Text of a file that is not binary; invalid sequences become U+FFFD and scanning goes on. */
export function decodeText(bytes: Uint8Array, encoding: Exclude<Encoding, 'binary'>): string {
  const buffer = asBuffer(bytes);
  const hasBom = encoding !== 'utf8' && (buffer[0] === 0xff || buffer[0] === 0xfe || buffer[0] === 0xef);
  switch (encoding) {
    case 'utf8':
      return utf8Text(buffer, 0);
    case 'utf8-bom':
      return utf8Text(buffer, 3);
    case 'utf16le':
      return utf16Text(buffer.subarray(hasBom ? 2 : 0));
    case 'utf16be': {
      const body = buffer.subarray(hasBom ? 2 : 0);
      const swapped = Buffer.from(body.subarray(0, body.length - (body.length % 2)));
      return utf16Text(swapped.swap16());
    }
  }
}
