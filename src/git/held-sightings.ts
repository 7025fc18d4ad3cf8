/**
 * What the log says of blobs before the list of blobs it is put into is there (history-objects.ts
 * lists the object database and walks the log at once): per sighting a blob's id, a path's
 * number, the commit and its place in the log, in growing buffers, about 48 bytes each; given
 * back in the order they came, then let go.
 */
export class HeldSightings {
  private ids: Buffer;
  private commits: Buffer;
  private paths = new Int32Array(1024);
  private sequences = new Int32Array(1024);
  private count = 0;
  private readonly idBytes: number;

  constructor(idBytes: number) {
    this.idBytes = idBytes;
    this.ids = Buffer.alloc(1024 * idBytes);
    this.commits = Buffer.alloc(1024 * idBytes);
  }

  /** Keeps one sighting: `id` and `commit` hold `idBytes` bytes each. */
  hold(id: Buffer, path: number, commit: Buffer, sequence: number): void {
    if (this.count === this.paths.length) this.grow();
    id.copy(this.ids, this.count * this.idBytes, 0, this.idBytes);
    commit.copy(this.commits, this.count * this.idBytes, 0, this.idBytes);
    this.paths[this.count] = path;
    this.sequences[this.count++] = sequence;
  }

  /** Each sighting held, in the order it came: `give(ids, idAt, path, commits, commitAt, sequence)`. Then none is held. */
  replay(give: (ids: Buffer, idAt: number, path: number, commits: Buffer, commitAt: number, sequence: number) => void): void {
    for (let i = 0; i < this.count; i++) give(this.ids, i * this.idBytes, this.paths[i]!, this.commits, i * this.idBytes, this.sequences[i]!);
    this.count = 0;
    this.ids = this.commits = Buffer.alloc(0);
    this.paths = this.sequences = new Int32Array(0);
  }

  private grow(): void {
    const size = Math.max(1024, this.paths.length * 2);
    const ids = Buffer.alloc(size * this.idBytes);
    const commits = Buffer.alloc(size * this.idBytes);
    this.ids.copy(ids);
    this.commits.copy(commits);
    this.ids = ids;
    this.commits = commits;
    const paths = new Int32Array(size);
    paths.set(this.paths);
    this.paths = paths;
    const sequences = new Int32Array(size);
    sequences.set(this.sequences);
    this.sequences = sequences;
  }
}
