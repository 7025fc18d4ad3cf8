import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noteCacheRead, noteCacheWrite, openCacheFolder } from '../../src/pipeline/cache-dir.js';
import { PRUNE_MARKER, PRUNE_POLICY, pruneCacheFolder, pruneCacheWhenDue } from '../../src/pipeline/cache-prune.js';
import { useTempDir } from '../helpers/temp-dir.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.now();
const hex = (length: number, digit: string) => digit.repeat(length);

/** One name of each kind airlock writes, all different. */
const NAMES = {
  scan: `scan-${hex(24, 'a')}.cache`,
  oldScan: `scan-${hex(24, 'b')}.json`,
  rules: `rules-${hex(32, 'c')}.json`,
  history: `history-${hex(24, 'd')}.paths`,
  verdicts: 'regex-safety.json',
};

/** A file of `bytes` bytes last modified `ageMs` ago. */
function plant(dir: string, name: string, ageMs: number, bytes = 10): string {
  const file = join(dir, name);
  writeFileSync(file, 'x'.repeat(bytes));
  const when = new Date(NOW - ageMs);
  utimesSync(file, when, when);
  return file;
}

function cacheWith(files: Record<string, number>): string {
  const dir = join(useTempDir(), 'cache');
  mkdirSync(dir);
  for (const [name, ageMs] of Object.entries(files)) plant(dir, name, ageMs);
  return dir;
}

const listed = (dir: string) => readdirSync(dir).sort();

describe('pruning the cache folder', () => {
  it('deletes each kind of cache file unused for 30 days and keeps the ones used since', () => {
    const old = Object.fromEntries(Object.values(NAMES).map((name) => [name, 31 * DAY]));
    const dir = cacheWith(old);
    const recent = cacheWith(Object.fromEntries(Object.values(NAMES).map((name) => [name, 29 * DAY])));

    expect(pruneCacheFolder(openCacheFolder(dir, true), NOW).sort()).toEqual(Object.values(NAMES).sort());
    expect(listed(dir)).toEqual([]);
    expect(pruneCacheFolder(openCacheFolder(recent, true), NOW)).toEqual([]);
    expect(listed(recent)).toEqual(Object.values(NAMES).sort());
  });

  it('deletes partial files of atomic writes after an hour, not while they may still be written', () => {
    const stale = `${NAMES.scan}.4242.tmp`;
    const staleEntries = `${NAMES.scan}.rich.4244.tmp`;
    const fresh = `${NAMES.rules}.4243.tmp`;
    const dir = cacheWith({ [stale]: 61 * 60_000, [staleEntries]: 61 * 60_000, [fresh]: 59 * 60_000 });
    expect(pruneCacheFolder(openCacheFolder(dir, true), NOW).sort()).toEqual([stale, staleEntries].sort());
    expect(listed(dir)).toEqual([fresh]);
  });

  it('keeps the folder under the size limit by deleting the least recently used first', () => {
    const dir = join(useTempDir(), 'cache');
    mkdirSync(dir);
    const names = ['1', '2', '3', '4'].map((digit) => `scan-${hex(24, digit)}.cache`);
    // 400 bytes, oldest first; the limit is 250.
    names.forEach((name, i) => plant(dir, name, (4 - i) * 60_000, 100));
    const policy = { ...PRUNE_POLICY, maxBytes: 250 };
    expect(pruneCacheFolder(openCacheFolder(dir, true), NOW, policy)).toEqual(names.slice(0, 2));
    expect(listed(dir)).toEqual(names.slice(2));
  });

  it('never deletes a file the command is using, however old, and counts it towards the limit', () => {
    const dir = join(useTempDir(), 'cache');
    mkdirSync(dir);
    const inUse = plant(dir, NAMES.scan, 40 * DAY, 100);
    plant(dir, NAMES.rules, 60_000, 100);
    const folder = openCacheFolder(dir, true);
    noteCacheWrite(folder, inUse);
    expect(pruneCacheFolder(folder, NOW, { ...PRUNE_POLICY, maxBytes: 150 })).toEqual([NAMES.rules]);
    expect(listed(dir)).toEqual([NAMES.scan]);
  });

  it('touches nothing that is not its own: other names, folders, links and what they point to', () => {
    const base = useTempDir();
    const dir = join(base, 'cache');
    mkdirSync(dir);
    const foreign = ['notes.txt', 'scan-xyz.cache', `${NAMES.scan}.bak`, `rules-${hex(31, 'c')}.json`, `${NAMES.rules}.tmp`, 'regex-safety.json.old'];
    for (const name of foreign) plant(dir, name, 400 * DAY);
    // A folder with a cache file's name, holding one.
    mkdirSync(join(dir, NAMES.history));
    plant(join(dir, NAMES.history), NAMES.scan, 400 * DAY);
    // A link with a cache file's name to a large, old file outside.
    const outside = plant(base, 'precious.bin', 400 * DAY, 1000);
    const before = statSync(outside);
    symlinkSync(outside, join(dir, NAMES.rules));
    symlinkSync(join(base, 'gone'), join(dir, NAMES.oldScan));

    noteCacheRead(openCacheFolder(dir, true), join(dir, NAMES.rules), NOW); // as if read through the link
    expect(pruneCacheFolder(openCacheFolder(dir, true), NOW, { ...PRUNE_POLICY, maxBytes: 0 })).toEqual([]);
    expect(listed(dir)).toEqual([...foreign, NAMES.history, NAMES.oldScan, NAMES.rules].sort());
    expect(listed(join(dir, NAMES.history))).toEqual([NAMES.scan]);
    expect(lstatSync(join(dir, NAMES.rules)).isSymbolicLink()).toBe(true);
    expect(readFileSync(outside, 'utf8')).toBe('x'.repeat(1000));
    expect(statSync(outside).mtimeMs).toBeCloseTo(before.mtimeMs, 0);
  });

  it('marks a reused file as used: its mtime moves to now once it is a day old', () => {
    const dir = cacheWith({ [NAMES.scan]: 2 * DAY, [NAMES.rules]: 12 * 60 * 60_000 });
    const folder = openCacheFolder(dir, true);
    const rulesMtime = statSync(join(dir, NAMES.rules)).mtimeMs;
    noteCacheRead(folder, join(dir, NAMES.scan), NOW);
    noteCacheRead(folder, join(dir, NAMES.rules), NOW);
    expect(statSync(join(dir, NAMES.scan)).mtimeMs).toBeCloseTo(NOW, 0);
    // Younger than a day: not written again (a git hook would otherwise write on every commit).
    expect(statSync(join(dir, NAMES.rules)).mtimeMs).toBeCloseTo(rulesMtime, 0);
    expect([...folder.inUse].sort()).toEqual([NAMES.rules, NAMES.scan]);
  });

  it('leaves a folder the command may not write to as it is: no bump, no prune', () => {
    const dir = cacheWith({ [NAMES.scan]: 40 * DAY });
    const folder = openCacheFolder(dir, false);
    noteCacheRead(folder, join(dir, NAMES.rules), NOW);
    noteCacheRead(folder, join(dir, NAMES.scan), NOW);
    expect(statSync(join(dir, NAMES.scan)).mtimeMs).toBeCloseTo(NOW - 40 * DAY, 0);
    folder.hasWritten = true;
    expect(pruneCacheWhenDue(folder, NOW)).toEqual([]);
    expect(listed(dir)).toEqual([NAMES.scan]);
  });
});

describe('when the cache folder is pruned', () => {
  const markedAgo = (dir: string, ageMs: number) => plant(dir, PRUNE_MARKER, ageMs, 0);

  it('once a day: not again within the day, unless the command wrote to the cache', () => {
    const dir = cacheWith({ [NAMES.scan]: 40 * DAY });
    markedAgo(dir, 23 * 60 * 60_000);
    expect(pruneCacheWhenDue(openCacheFolder(dir, true), NOW)).toEqual([]);
    expect(existsSync(join(dir, NAMES.scan))).toBe(true);

    const writer = openCacheFolder(dir, true);
    noteCacheWrite(writer, join(dir, NAMES.rules));
    expect(pruneCacheWhenDue(writer, NOW)).toEqual([NAMES.scan]);
  });

  it('when the last prune is a day old or there was none, and remembers when it ran', () => {
    const dir = cacheWith({ [NAMES.scan]: 40 * DAY });
    markedAgo(dir, 25 * 60 * 60_000);
    expect(pruneCacheWhenDue(openCacheFolder(dir, true), NOW)).toEqual([NAMES.scan]);
    expect(statSync(join(dir, PRUNE_MARKER)).mtimeMs).toBeCloseTo(NOW, 0);

    const never = cacheWith({ [NAMES.rules]: 40 * DAY });
    expect(pruneCacheWhenDue(openCacheFolder(never, true), NOW)).toEqual([NAMES.rules]);
    expect(listed(never)).toEqual([PRUNE_MARKER]);
  });

  it('when the last prune seems to lie in the future: the clock was set back', () => {
    const dir = cacheWith({ [NAMES.scan]: 40 * DAY });
    markedAgo(dir, -10 * DAY);
    expect(pruneCacheWhenDue(openCacheFolder(dir, true), NOW)).toEqual([NAMES.scan]);
  });

  it('does not follow a link in place of the marker', () => {
    const base = useTempDir();
    const dir = cacheWith({ [NAMES.scan]: 40 * DAY });
    const outside = plant(base, 'precious.txt', 400 * DAY, 5);
    symlinkSync(outside, join(dir, PRUNE_MARKER));
    const writer = openCacheFolder(dir, true);
    noteCacheWrite(writer, join(dir, NAMES.rules));
    pruneCacheWhenDue(writer, NOW);
    expect(statSync(outside).mtimeMs).toBeCloseTo(NOW - 400 * DAY, 0);
    expect(readFileSync(outside, 'utf8')).toBe('xxxxx');
  });

  it('does nothing when the folder does not exist', () => {
    const dir = join(useTempDir(), 'never-created');
    expect(pruneCacheWhenDue(openCacheFolder(dir, true), NOW)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });
});
