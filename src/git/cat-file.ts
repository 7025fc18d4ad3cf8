import type { GitLocation } from './git-process.js';
import { spawnGit } from './git-process.js';

const NO_BYTES = Buffer.alloc(0);

/**
 * Copies what `chunk` holds of a blob from `at`: its bytes, then the newline git puts after
 * them (counted in `filled`, not copied). Returns where the chunk's unread part starts; the
 * blob is whole once `filled` passes its length.
 */
function fillBlob(blob: { bytes: Buffer; filled: number }, chunk: Buffer, at: number): number {
  const wanted = blob.bytes.length + 1 - blob.filled;
  const taken = Math.min(wanted, chunk.length - at);
  const content = Math.min(taken, blob.bytes.length - blob.filled);
  if (content > 0) chunk.copy(blob.bytes, blob.filled, at, at + content);
  blob.filled += taken;
  return at + taken;
}

/**
 * A long-lived `git cat-file --batch` for one repository, asked for a few blobs at a time (a
 * worker thread's batch): each answer is a buffer of exactly the blob's size, or undefined for
 * an id git does not have. Its process and pipes keep Node running only while it is asked.
 */
export class BlobSource {
  private readonly child;
  private readonly waiting: { count: number; blobs: (Buffer | undefined)[]; done: (blobs: (Buffer | undefined)[]) => void; fail: (error: Error) => void }[] = [];
  private partialHeader = NO_BYTES;
  private blob: { bytes: Buffer; filled: number } | undefined;
  private failure: Error | undefined;
  private pending = 0;
  /** The most ids asked and not yet answered at once: a thread's batch, never a whole history. */
  pendingHighWater = 0;

  constructor(at: GitLocation) {
    this.child = spawnGit(['cat-file', '--batch'], at);
    let stderr = '';
    this.child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    this.child.stdin.on('error', () => {});
    this.child.stdout.on('data', (chunk: Buffer) => this.take(chunk));
    const stop = (why: string) => {
      this.failure ??= new Error(`git cat-file ${why}: ${stderr.trim().split('\n')[0] ?? ''}`);
      for (const request of this.waiting.splice(0)) request.fail(this.failure);
    };
    this.child.on('error', (error) => stop(error.message));
    this.child.on('close', (code) => stop(`exited ${code}`));
    this.hold(false);
  }

  /** Keeps Node running only while an answer is awaited. */
  private hold(isWaiting: boolean): void {
    for (const handle of [this.child, this.child.stdin, this.child.stdout, this.child.stderr] as unknown as { ref?: () => void; unref?: () => void }[]) {
      if (isWaiting) handle.ref?.();
      else handle.unref?.();
    }
  }

  /** The blobs for `oids`, in order. */
  read(oids: string[]): Promise<(Buffer | undefined)[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (oids.length === 0) return Promise.resolve([]);
    return new Promise((done, fail) => {
      if (this.waiting.length === 0) this.hold(true);
      this.waiting.push({ count: oids.length, blobs: [], done, fail });
      this.pending += oids.length;
      this.pendingHighWater = Math.max(this.pendingHighWater, this.pending);
      this.child.stdin.write(`${oids.join('\n')}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }

  private answer(bytes: Buffer | undefined): void {
    const request = this.waiting[0];
    if (!request) return;
    this.pending--;
    request.blobs.push(bytes);
    if (request.blobs.length < request.count) return;
    this.waiting.shift();
    if (this.waiting.length === 0) this.hold(false);
    request.done(request.blobs);
  }

  private take(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.blob) {
        const blob = this.blob;
        at = fillBlob(blob, chunk, at);
        if (blob.filled <= blob.bytes.length) return;
        this.blob = undefined;
        this.answer(blob.bytes);
        continue;
      }
      const newline = chunk.indexOf(10, at);
      if (newline === -1) {
        this.partialHeader = Buffer.concat([this.partialHeader, chunk.subarray(at)]);
        return;
      }
      const line = this.partialHeader.length > 0 ? Buffer.concat([this.partialHeader, chunk.subarray(at, newline)]) : chunk.subarray(at, newline);
      this.partialHeader = NO_BYTES;
      at = newline + 1;
      const [, type, size] = line.toString('latin1').split(' ');
      if (type === 'missing' || size === undefined) this.answer(undefined);
      else this.blob = { bytes: Buffer.allocUnsafeSlow(Number(size)), filled: 0 };
    }
  }
}
