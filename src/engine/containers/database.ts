/**
 * A SQLite database's cells, read by a reader the pipeline provides (node:sqlite): the engine
 * stays free of it, and of any file it may need.
 */
export interface Cell {
  table: string;
  column: string;
  /** 1-based position of the row in the table, in the order SQLite returned it. */
  row: number;
  value: string | Uint8Array;
}

/**
 * Every text and blob cell of every table, lazily; throws ArchiveLimit past the row limit,
 * and any other error when the database cannot be read (it is then listed as corrupt);
 * undefined when this Node version has no SQLite.
 */
export type DatabaseReader = (bytes: Uint8Array, maxRows: number) => Iterable<Cell> | undefined;
