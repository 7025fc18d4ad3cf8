const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const COLON = 0x3a;
const COMMA = 0x2c;

/** The end (one past the closing quote) of the JSON string that opens at `at`. */
function stringEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i + 1;
  }
  throw new Error('unterminated string');
}

/** The end (one past the closing brace) of the JSON object that opens at `at`. */
function objectEnd(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = stringEnd(text, i) - 1;
    else if (c === OPEN) depth++;
    else if (c === CLOSE && --depth === 0) return i + 1;
  }
  throw new Error('unterminated object');
}

/**
 * The entries of a cache file's JSON line (`{"<key>":{…},…}`), looked up in place: where each
 * entry's text starts and ends, parsed only when it is asked for. A history of test fixtures
 * leaves tens of megabytes of them; parsed up front, they took twice that again in objects.
 */
export class CacheEntries<T> {
  private readonly spans = new Map<string, [number, number]>();

  /** `at`: where the entries' object opens in `text`; throws when the text is not what the cache writes. */
  constructor(
    private readonly text: string,
    at: number,
  ) {
    if (text.charCodeAt(at) !== OPEN) throw new Error('no entries');
    let i = at + 1;
    while (text.charCodeAt(i) !== CLOSE) {
      if (this.spans.size > 0) {
        if (text.charCodeAt(i) !== COMMA) throw new Error('expected a comma');
        i++;
      }
      const keyEnd = stringEnd(text, i);
      const key = JSON.parse(text.slice(i, keyEnd)) as string;
      if (text.charCodeAt(keyEnd) !== COLON) throw new Error('expected a colon');
      const end = objectEnd(text, keyEnd + 1);
      this.spans.set(key, [keyEnd + 1, end]);
      i = end;
    }
  }

  get size(): number {
    return this.spans.size;
  }

  keys(): IterableIterator<string> {
    return this.spans.keys();
  }

  get(key: string): T | undefined {
    const raw = this.raw(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  /** The entry's JSON as written. */
  raw(key: string): string | undefined {
    const span = this.spans.get(key);
    return span && this.text.slice(span[0], span[1]);
  }
}
