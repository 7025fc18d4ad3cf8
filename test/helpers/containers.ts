import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { crc32, deflateRawSync } from 'node:zlib';
import { randomChars } from './fake-secrets.js';

/** Builders of real containers at test time: SQLite through node:sqlite, archives through zip and tar. */

/** An OpenAI project key's shape: random, with the marker real keys carry. */
export const fakeOpenAiKey = () => `sk-proj-${randomChars(74)}T3BlbkFJ${randomChars(74)}`;

/** A SQLite database at `file`, made by SQLite itself: `sql` creates tables, `rows` fills them. */
export function writeDatabase(file: string, sql: string, rows: Record<string, unknown[][]>, options: { wal?: boolean } = {}): void {
  mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  if (options.wal) db.exec('PRAGMA journal_mode = WAL');
  db.exec(sql);
  for (const [table, values] of Object.entries(rows)) {
    for (const row of values) {
      const insert = db.prepare(`INSERT INTO ${table} VALUES (${row.map(() => '?').join(', ')})`);
      insert.run(...(row as (string | number | bigint | Uint8Array | null)[]));
    }
  }
  db.close();
}

/** Runs a real tool in `cwd`; fails the test with its stderr if it fails. */
export function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr || result.error}`);
}

/** `zip` (Info-ZIP) over files written in a scratch folder; returns the archive's bytes. */
export function zipOf(scratch: string, files: Record<string, string | Uint8Array>, extra: string[] = []): Buffer {
  const dir = join(scratch, `zip-${randomChars(8)}`);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  run('zip', ['-q', '-r', ...extra, 'out.zip', ...Object.keys(files)], dir);
  return readFileSync(join(dir, 'out.zip'));
}

/** `tar` with a compression flag (`z`, `J`, …) over files written in a scratch folder. */
export function tarOf(scratch: string, flag: string, files: Record<string, string | Uint8Array>): Buffer {
  const dir = join(scratch, `tar-${randomChars(8)}`);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  run('tar', [`-c${flag}f`, 'out.tar', ...Object.keys(files)], dir);
  return readFileSync(join(dir, 'out.tar'));
}

/**
 * A zip of one deflated entry of `size` zero bytes: a few kilobytes that claim (truly) to
 * expand a thousand times, the shape of a zip bomb. Written by hand, as `zip` would.
 */
export function zipBomb(name: string, size: number): Buffer {
  const zeros = Buffer.alloc(size);
  const data = deflateRawSync(zeros, { level: 9 });
  const nameBytes = Buffer.from(name);
  const crc = crc32(zeros);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const centralOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}
