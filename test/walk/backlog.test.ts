import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { Backlog, MAX_WAITING_ENTRIES } from '../../src/walk/backlog.js';
import { walkRoot, type WalkLog } from '../../src/walk/walk.js';
import { useTempDir } from '../helpers/temp-dir.js';

describe('the walk backlog', () => {
  it('holds folder reads back while too many entries wait, and lets them go as entries are taken', () => {
    const backlog = new Backlog(4);
    const reads: string[] = [];
    backlog.whenRoom(() => reads.push('a'));
    backlog.added(5);
    backlog.whenRoom(() => reads.push('b'));
    backlog.whenRoom(() => reads.push('c'));
    expect(reads).toEqual(['a']);
    backlog.taken(); // 4 waiting
    backlog.taken(); // 3 waiting: not yet below half the limit
    expect(reads).toEqual(['a']);
    backlog.taken(); // 2 waiting
    backlog.taken(); // 1 waiting: below half
    expect(reads).toEqual(['a', 'b', 'c']);
  });

  it('lets held reads go when the taker has nothing left to take, so the walk cannot stall itself', async () => {
    const backlog = new Backlog(2);
    const reads: string[] = [];
    // Entries counted that never come (as if dropped on the way): the count alone would hold the read forever.
    backlog.added(3);
    backlog.whenRoom(() => reads.push('held'));
    backlog.willWait();
    expect(reads).toEqual([]);
    await nextTurn();
    expect(reads).toEqual(['held']);
  });

  it('does not let reads go when an entry arrives before the next turn', async () => {
    const backlog = new Backlog(2);
    const reads: string[] = [];
    backlog.added(4);
    backlog.whenRoom(() => reads.push('held'));
    backlog.willWait();
    backlog.taken(); // an entry was there after all: 3 still waiting
    await nextTurn();
    expect(reads).toEqual([]);
  });

  it('walks a tree many times the limit with a slow taker, every file found', async () => {
    const root = useTempDir();
    const perFolder = 250;
    const folders = Math.ceil((MAX_WAITING_ENTRIES * 3) / perFolder);
    for (let f = 0; f < folders; f++) {
      mkdirSync(join(root, `d${f}`));
      for (let i = 0; i < perFolder; i++) writeFileSync(join(root, `d${f}`, `f${i}.txt`), 'x');
    }
    const log: WalkLog = { skipped: [], escapes: [] };
    const seen = new Set<string>();
    for await (const entry of walkRoot(root, [], log)) {
      seen.add(entry.path);
      if (seen.size % 64 === 0) await nextTurn();
    }
    expect(seen.size).toBe(folders * perFolder);
    expect(log.skipped).toEqual([]);
  });
});
