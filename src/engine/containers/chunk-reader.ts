/**
 * Exact reads from a stream of chunks (a decompressor's output, or one buffer): a tar is read
 * header by header and entry by entry, so no more than one entry is ever held.
 */
export class ChunkReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private isDone = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** Buffers at least `n` bytes, or all that is left; returns how many are buffered. */
  private async fill(n: number): Promise<number> {
    while (this.buffered < n && !this.isDone) {
      const next = await this.iterator.next();
      if (next.done) this.isDone = true;
      else if (next.value.length > 0) {
        this.chunks.push(next.value);
        this.buffered += next.value.length;
      }
    }
    return this.buffered;
  }

  /** The next `n` bytes without consuming them (fewer at the end). */
  async peek(n: number): Promise<Uint8Array> {
    await this.fill(n);
    return this.take(Math.min(n, this.buffered), false);
  }

  /** The next `n` bytes (fewer at the end). */
  async read(n: number): Promise<Uint8Array> {
    await this.fill(n);
    return this.take(Math.min(n, this.buffered), true);
  }

  /** Drops the next `n` bytes, holding at most one chunk at a time; returns how many were dropped. */
  async skip(n: number): Promise<number> {
    let left = n;
    while (left > 0) {
      if ((await this.fill(1)) === 0) break;
      const step = Math.min(left, this.chunks[0]!.length);
      this.take(step, true);
      left -= step;
    }
    return n - left;
  }

  private take(n: number, consume: boolean): Uint8Array {
    const first = this.chunks[0];
    let out: Uint8Array;
    if (first && first.length >= n) out = first.subarray(0, n);
    else {
      out = new Uint8Array(n);
      let at = 0;
      for (const chunk of this.chunks) {
        if (at >= n) break;
        const part = chunk.subarray(0, n - at);
        out.set(part, at);
        at += part.length;
      }
    }
    if (consume) this.drop(n);
    return out;
  }

  private drop(n: number): void {
    this.buffered -= n;
    while (n > 0) {
      const first = this.chunks[0]!;
      if (first.length > n) {
        this.chunks[0] = first.subarray(n);
        return;
      }
      n -= first.length;
      this.chunks.shift();
    }
  }

  /** Stops the source (a decompressor) early. */
  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}
