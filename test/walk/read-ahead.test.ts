import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { walkRoot, type WalkLog } from '../../src/walk/walk.js';
import { useTempDir } from '../helpers/temp-dir.js';

/** `folders` folders of `perFolder` files each, under a fresh root. */
function tree(folders: number, perFolder: number): string {
  const root = useTempDir();
  for (let f = 0; f < folders; f++) {
    mkdirSync(join(root, `d${f}`));
    for (let i = 0; i < perFolder; i++) writeFileSync(join(root, `d${f}`, `f${i}.txt`), 'x');
  }
  return root;
}

describe('the walk reads folders only as the scan asks', () => {
  it('has read at most 8 folders ahead when the first one\'s files are taken: the others, deleted then, are listed as vanished', async () => {
    const folders = 40;
    const root = tree(folders, 3);
    const log: WalkLog = { skipped: [], escapes: [] };
    const walk = walkRoot(root, [], log);
    const first = await walk.next();
    expect(first.done).toBe(false);
    // The scan is busy: the walk must not go on reading meanwhile.
    for (let i = 0; i < 20; i++) await nextTurn();
    for (let f = 0; f < folders; f++) rmSync(join(root, `d${f}`), { recursive: true });
    const read = new Set([(first.value as { path: string }[])[0]!.path.split('/')[0]]);
    for await (const files of walk) for (const file of files) read.add(file.path.split('/')[0]!);
    expect(read.size).toBeGreaterThan(0);
    // The folder whose files were taken, and at most 8 read (or being read) ahead of it.
    expect(read.size).toBeLessThanOrEqual(1 + 8);
    expect(log.skipped.map((s) => `${s.reason} ${s.detail}`)).toEqual(Array.from({ length: folders - read.size }, () => 'vanished ENOENT: cannot list folder'));
  });

  it('walks a tree of many folders with a slow taker, every file found once', async () => {
    const root = tree(50, 250);
    const log: WalkLog = { skipped: [], escapes: [] };
    const seen = new Set<string>();
    let files = 0;
    for await (const batch of walkRoot(root, [], log)) {
      for (const entry of batch) seen.add(entry.path);
      files += batch.length;
      await nextTurn();
    }
    expect(files).toBe(50 * 250);
    expect(seen.size).toBe(50 * 250);
    expect(log.skipped).toEqual([]);
  });

  it('reads a .git folder right after its parent, so git can list the history while the walk goes on', async () => {
    const root = tree(40, 1);
    mkdirSync(join(root, '.git'));
    writeFileSync(join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const batches: string[][] = [];
    for await (const batch of walkRoot(root, [], { skipped: [], escapes: [] })) batches.push(batch.map((entry) => entry.path));
    expect(batches).toHaveLength(41);
    // Among the first reads (8 at once), not wherever the folder listing happened to put it.
    expect(batches.findIndex((paths) => paths.includes('.git/HEAD'))).toBeLessThan(8);
  });
});
