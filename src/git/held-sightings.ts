import { GrowingBytes } from './growing-bytes.js';

/**
 * What the log says of blobs before the list of blobs it is put into is there (history-objects.ts
 * lists the object database and walks the log at once): per sighting a blob's id, the commit,
 * a path's number and the commit's place in the log, one record each (48 bytes with 20-byte
 * ids) in a growing buffer; given back in the order they came, then let go.
 */
export class HeldSightings {
  private readonly records: GrowingBytes;
  private readonly idBytes: number;
  private readonly recordBytes: number;

  constructor(idBytes: number) {
    this.idBytes = idBytes;
    this.recordBytes = 2 * idBytes + 8;
    this.records = new GrowingBytes(1024 * this.recordBytes);
  }

  /** Keeps one sighting: `id` and `commit` hold `idBytes` bytes each. */
  hold(id: Buffer, path: number, commit: Buffer, sequence: number): void {
    const at = this.records.length;
    const records = this.records.room(this.recordBytes);
    id.copy(records, at, 0, this.idBytes);
    commit.copy(records, at + this.idBytes, 0, this.idBytes);
    records.writeInt32LE(path, at + 2 * this.idBytes);
    records.writeInt32LE(sequence, at + 2 * this.idBytes + 4);
    this.records.length += this.recordBytes;
  }

  /** Each sighting held, in the order it came: `give(records, idAt, path, commitAt, sequence)`, ids and commits read from `records`. Then none is held. */
  replay(give: (records: Buffer, idAt: number, path: number, commitAt: number, sequence: number) => void): void {
    const records = this.records.written();
    for (let at = 0; at < records.length; at += this.recordBytes) {
      give(records, at, records.readInt32LE(at + 2 * this.idBytes), at + this.idBytes, records.readInt32LE(at + 2 * this.idBytes + 4));
    }
    this.records.clear();
  }
}
