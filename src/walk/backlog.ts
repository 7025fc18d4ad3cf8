/** Walked entries waiting to be taken above which no further folder is read. */
export const MAX_WAITING_ENTRIES = 4096;

/**
 * fast-glob reads folders as fast as the disk allows and buffers every entry until it is
 * taken, so a walk ahead of a busy scan would hold a whole tree's entries. Folder reads wait
 * here while too many entries wait to be taken; they go ahead when the scan catches up, or at
 * once when it has nothing left to take (so the walk can never stall itself).
 */
export class Backlog {
  private waiting = 0;
  private blocked: (() => void)[] = [];
  private isStarving = false;

  constructor(private readonly limit = MAX_WAITING_ENTRIES) {}

  whenRoom(read: () => void): void {
    if (this.waiting < this.limit) read();
    else this.blocked.push(read);
  }

  added(count: number): void {
    this.waiting += count;
  }

  taken(): void {
    this.isStarving = false;
    this.waiting--;
    if (this.waiting < this.limit / 2) this.release();
  }

  /** Called before waiting for the next entry: if none comes without a read, let the reads go. */
  willWait(): void {
    this.isStarving = true;
    if (this.blocked.length > 0) setImmediate(() => this.isStarving && this.release());
  }

  private release(): void {
    const reads = this.blocked;
    this.blocked = [];
    for (const read of reads) read();
  }
}
