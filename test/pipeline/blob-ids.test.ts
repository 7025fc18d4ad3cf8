import { execFileSync } from 'node:child_process';
import { lstatSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobIdOf, blobIdsOf } from '../../src/pipeline/blob-ids.js';
import { useTempDir } from '../helpers/temp-dir.js';

const gitHash = (path: string, format: 'sha1' | 'sha256') => {
  const dir = useTempDir();
  execFileSync('git', ['init', '-q', `--object-format=${format}`, dir]);
  return execFileSync('git', ['hash-object', '--no-filters', path], { cwd: dir, encoding: 'utf8' }).trim();
};

describe('blob ids of files as they are', () => {
  it('are the ids git gives, in SHA-1 and SHA-256 repositories, for an empty file, a text and one larger than the read buffer', async () => {
    const dir = useTempDir();
    const files = { empty: Buffer.alloc(0), text: Buffer.from('token = "not a secret"\nsecond line\n'), large: Buffer.alloc(3 * 1024 * 1024 + 17, 0x61) };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    for (const format of ['sha1', 'sha256'] as const) {
      for (const name of Object.keys(files)) expect(await blobIdOf(join(dir, name), format), `${format} ${name}`).toBe(gitHash(join(dir, name), format));
    }
  });

  it('give the event loop turns while a large file is hashed', async () => {
    const big = join(useTempDir(), 'big.bin');
    writeFileSync(big, Buffer.alloc(96 * 1024 * 1024, 0x5a));
    let turns = 0;
    let isDone = false;
    const spin = () => {
      if (isDone) return;
      turns++;
      setImmediate(spin);
    };
    setImmediate(spin);
    const [id] = await blobIdsOf([big], 'sha1');
    isDone = true;
    expect(id).toMatch(/^[0-9a-f]{40}$/);
    // Hashed in one go, the loop would not have turned once before the answer.
    expect(turns).toBeGreaterThan(1);
  });

  it('are none for a missing file, a folder or a link, and read a file without moving its access time', async () => {
    const dir = useTempDir();
    const file = join(dir, 'kept.txt');
    writeFileSync(file, 'content\n');
    symlinkSync(file, join(dir, 'link'));
    const expected = gitHash(file, 'sha1');
    const day = 24 * 60 * 60;
    const now = Date.now() / 1000;
    utimesSync(file, now - 2 * day, now - day);
    const before = lstatSync(file).atimeMs;
    const ids = await blobIdsOf([file, join(dir, 'missing'), dir, join(dir, 'link'), file], 'sha1');
    expect(lstatSync(file).atimeMs).toBe(before);
    expect(ids).toEqual([expected, undefined, undefined, undefined, expected]);
  });
});
