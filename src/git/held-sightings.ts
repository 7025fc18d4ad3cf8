/**
 * What the log says of blobs before the list of blobs it is put into is there (history-objects.ts
 * lists the object database and walks the log at once): per sighting a blob's id, the commit,
 * a path's number and the commit's place in the log, one record each (48 bytes with 20-byte
 * ids) in a growing buffer; given back in the order they came, then let go.
 */
export class HeldSightings {
  private records = Buffer.alloc(0);
  private count = 0;
  private readonly idBytes: number;
  private readonly recordBytes: number;

  constructor(idBytes: number) {
    this.idBytes = idBytes;
    this.recordBytes = 2 * idBytes + 8;
  }

  /** Keeps one sighting: `id` and `commit` hold `idBytes` bytes each. */
  hold(id: Buffer, path: number, commit: Buffer, sequence: number): void {
    const at = this.count++ * this.recordBytes;
    if (at + this.recordBytes > this.records.length) {
      const grown = Buffer.alloc(Math.max(1024 * this.recordBytes, 2 * this.records.length));
      this.records.copy(grown);
      this.records = grown;
    }
    id.copy(this.records, at, 0, this.idBytes);
    commit.copy(this.records, at + this.idBytes, 0, this.idBytes);
    this.records.writeInt32LE(path, at + 2 * this.idBytes);
    this.records.writeInt32LE(sequence, at + 2 * this.idBytes + 4);
  }

  /** Each sighting held, in the order it came: `give(records, idAt, path, commitAt, sequence)`, ids and commits read from `records`. Then none is held. */
  replay(give: (records: Buffer, idAt: number, path: number, commitAt: number, sequence: number) => void): void {
    for (let at = 0; at < this.count * this.recordBytes; at += this.recordBytes) {
      give(this.records, at, this.records.readInt32LE(at + 2 * this.idBytes), at + this.idBytes, this.records.readInt32LE(at + 2 * this.idBytes + 4));
    }
    this.count = 0;
    this.records = Buffer.alloc(0);
  }
}
