/**
 * Bytes appended to one buffer that doubles as it fills: how the history listing holds what it
 * gathers record by record (sightings held for the list, the ids of commits), a few bytes per
 * record rather than an object each.
 */
export class GrowingBytes {
  private bytes = Buffer.alloc(0);
  /** How many bytes are written. */
  length = 0;
  private readonly firstSize: number;

  /** `firstSize`: the buffer's size when the first bytes come. */
  constructor(firstSize: number) {
    this.firstSize = firstSize;
  }

  /** Room for `count` more bytes from `length` on: the buffer to write them into (the caller then moves `length`). */
  room(count: number): Buffer {
    if (this.length + count > this.bytes.length) {
      const grown = Buffer.alloc(Math.max(this.firstSize, 2 * this.bytes.length, this.length + count));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    return this.bytes;
  }

  /** The bytes written (a view: valid until more are written). */
  written(): Buffer {
    return this.bytes.subarray(0, this.length);
  }

  /** Lets the bytes go. */
  clear(): void {
    this.bytes = Buffer.alloc(0);
    this.length = 0;
  }
}
