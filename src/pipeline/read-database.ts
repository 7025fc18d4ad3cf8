import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync as Database, StatementSync } from 'node:sqlite';
import { ArchiveLimit, type Cell, type DatabaseReader } from '../engine/containers/index.js';

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

/**
 * The database opened in memory from its bytes (`deserialize`, Node 24), so nothing is written
 * anywhere; on Node 22, from a private temporary copy outside the scanned folders, removed
 * when done. Either way read-only and defensive.
 */
function open(module: Sqlite, bytes: Uint8Array): { db: Database; done: () => void } {
  const memory = new module.DatabaseSync(':memory:');
  const deserialize = (memory as unknown as { deserialize?: (data: Uint8Array) => void }).deserialize;
  if (deserialize) {
    deserialize.call(memory, asRollbackJournal(bytes));
    return { db: memory, done: () => memory.close() };
  }
  memory.close();
  const dir = mkdtempSync(join(tmpdir(), 'airlock-db-'));
  const file = join(dir, 'copy.sqlite');
  writeFileSync(file, asRollbackJournal(bytes), { mode: 0o600 });
  const db = new module.DatabaseSync(file, { readOnly: true });
  return { db, done: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

function* cells(module: Sqlite, bytes: Uint8Array, maxRows: number): Generator<Cell> {
  const { db, done } = open(module, bytes);
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
    done();
  }
}

/** Every text and blob cell of a SQLite database's tables, or undefined without node:sqlite. */
export const readDatabase: DatabaseReader = (bytes, maxRows) => {
  const module = loadSqlite();
  return module ? cells(module, bytes, maxRows) : undefined;
};
