import { pathToFileURL } from 'node:url';
import type { DatabaseSync as Database, StatementSync } from 'node:sqlite';
import { ArchiveLimit, UnsupportedFormat, type Cell, type DatabaseReader } from '../engine/containers/index.js';

type Sqlite = typeof import('node:sqlite');

/** node:sqlite, loaded on the first database (none on Node before 22.13 without a flag). */
let sqlite: Sqlite | null | undefined;
function loadSqlite(): Sqlite | undefined {
  if (sqlite === undefined) {
    // Node 22 and 23 warn on stderr that SQLite is experimental: not the user's concern here.
    const emitWarning = process.emitWarning;
    process.emitWarning = () => undefined;
    try {
      sqlite = (process.getBuiltinModule?.('node:sqlite') as Sqlite | undefined) ?? null;
    } catch {
      sqlite = null;
    } finally {
      process.emitWarning = emitWarning;
    }
  }
  return sqlite ?? undefined;
}

/** A WAL database's header says so (bytes 18 and 19); in memory it must say rollback journal, or it will not open. */
function asRollbackJournal(bytes: Uint8Array): Buffer {
  const copy = Buffer.from(bytes);
  if (copy[18] === 2) copy[18] = 1;
  if (copy[19] === 2) copy[19] = 1;
  return copy;
}

/** Whether this Node opens a database from bytes in memory (`deserialize`, Node 24.x and later). */
function canDeserialize(module: Sqlite): boolean {
  return typeof (module.DatabaseSync.prototype as { deserialize?: unknown }).deserialize === 'function';
}

/**
 * The database opened in memory from its bytes, so nothing is read or written anywhere else;
 * without `deserialize`, the file on disk itself through an immutable read-only URI (no lock,
 * no journal, no `-shm` or `-wal` file made beside it). Either way defensive.
 */
function open(module: Sqlite, source: Uint8Array | string): Database {
  if (typeof source === 'string') {
    const uri = pathToFileURL(source);
    uri.search = 'mode=ro&immutable=1';
    try {
      return new module.DatabaseSync(uri as unknown as string, { readOnly: true });
    } catch (error) {
      throw new UnsupportedFormat(`this Node version cannot open it read-only from disk: ${(error as Error).message}`);
    }
  }
  const memory = new module.DatabaseSync(':memory:');
  (memory as unknown as { deserialize: (data: Uint8Array) => void }).deserialize(asRollbackJournal(source));
  return memory;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

function* cells(module: Sqlite, source: Uint8Array | string, maxRows: number): Generator<Cell> {
  const db = open(module, source);
  try {
    (db as unknown as { enableDefensive?: (on: boolean) => void }).enableDefensive?.(true);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[];
    let rows = 0;
    for (const { name: table } of tables) {
      let statement: StatementSync;
      try {
        statement = db.prepare(`SELECT * FROM ${quoted(table)}`);
      } catch {
        continue; // a virtual table whose module this SQLite lacks: its shadow tables hold the data
      }
      // Chrome's timestamps are larger than 2^53: read as BigInt, they do not fail the row.
      statement.setReadBigInts(true);
      let row = 0;
      for (const values of statement.iterate() as Iterable<Record<string, unknown>>) {
        row++;
        if (++rows > maxRows) throw new ArchiveLimit(`more than ${maxRows} rows`);
        for (const [column, value] of Object.entries(values)) {
          if (typeof value === 'string' || value instanceof Uint8Array) yield { table, column, row, value };
        }
      }
    }
  } finally {
    db.close();
  }
}

/**
 * The reader for one walked file: every text and blob cell of a SQLite database's tables. A
 * database inside an archive or a git blob needs `deserialize`; without it (Node 22) only the
 * walked file itself is read, from disk, and the rest is undefined (listed as not read).
 */
export function databaseReader(file?: { path: string; bytes: Uint8Array }): DatabaseReader {
  return (bytes, maxRows) => {
    const module = loadSqlite();
    if (!module) return undefined;
    if (canDeserialize(module)) return cells(module, bytes, maxRows);
    return file && bytes === file.bytes ? cells(module, file.path, maxRows) : undefined;
  };
}
