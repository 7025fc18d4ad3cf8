import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { FileFinding } from '../../src/model/finding.js';
import { openCacheFolder } from '../../src/pipeline/cache-dir.js';
import { openScanCache } from '../../src/pipeline/scan-cache.js';
import type { FileReport } from '../../src/pipeline/scan-file-task.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

/** The cache file itself: what goes in comes out, for clean files, files with findings and blobs. */
describe('the scan cache file', () => {
  const finding = { ruleId: 'github-pat', path: 'a', fingerprint: 'f1', secret: 'ghp_…' } as unknown as FileFinding;

  function setup() {
    const base = useTempDir();
    const root = join(base, 'project');
    // Names a line-based format would break on: newline, tab, NUL-free by definition.
    const names = ['clean.txt', 'with\nnewline.txt', 'tab\tname.js', 'secret.env'];
    writeTree(root, Object.fromEntries(names.map((n) => [n, `content of ${n}\n`])));
    const old = new Date(Date.now() - 60_000);
    for (const n of names) utimesSync(join(root, n), old, old);
    return { cacheDir: join(base, 'cache'), root, paths: names.map((n) => join(root, n)) };
  }

  const reportFor = (path: string, findings: FileFinding[] = []): FileReport => {
    const s = statSync(path);
    return { task: { root: '/', path, absolutePath: path, source: 'file' }, findings, bytes: s.size, identity: [s.dev, s.ino, s.size, s.mtimeMs] } as FileReport;
  };

  it('gives back every stored entry after a save, and rewrites nothing when nothing changed', async () => {
    const { cacheDir, paths } = setup();
    const first = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    for (const path of paths) first.store(path, reportFor(path, path.endsWith('.env') ? [finding] : []));
    first.store('blob:/r/.git:abc123:old.env', { task: { root: '/r', path: 'old.env', source: 'git-history' }, findings: [finding], bytes: 9 } as FileReport);
    first.store('blob:/r/.git:def456:clean.md', { task: { root: '/r', path: 'clean.md', source: 'git-history' }, findings: [], bytes: 4 } as FileReport);
    first.save();
    const [file] = readdirSync(cacheDir);
    const written = statSync(join(cacheDir, file!)).mtimeMs;

    const second = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    const found = await second.lookupFiles(paths);
    expect(found.map((e) => e?.bytes)).toEqual(paths.map((p) => statSync(p).size));
    expect(found.map((e) => e?.findings.length)).toEqual([0, 0, 0, 1]);
    expect(found[3]!.findings[0]).toEqual(finding);
    expect(second.lookupBlob('blob:/r/.git:abc123:old.env')?.findings).toEqual([finding]);
    expect(second.lookupBlob('blob:/r/.git:def456:clean.md')).toEqual({ findings: [], bytes: 4 });
    second.save();
    expect(statSync(join(cacheDir, file!)).mtimeMs).toBe(written);

    // Other rules: nothing is reused.
    const other = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-2');
    expect(await other.lookupFiles(paths)).toEqual(paths.map(() => undefined));
  });

  it('looks files up the same whether lstat answers fast (on this thread) or slowly (dispatched)', async () => {
    const base = useTempDir();
    const names = Array.from({ length: 40 }, (_, i) => `f${i}.txt`);
    writeTree(base, Object.fromEntries(names.map((n) => [n, `content of ${n}\n`])));
    const old = new Date(Date.now() - 60_000);
    const paths = names.map((n) => join(base, n));
    for (const path of paths) utimesSync(path, old, old);
    const cacheDir = join(base, 'cache');
    const first = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    for (const path of paths) first.store(path, reportFor(path));
    first.save();
    writeTree(base, { 'f3.txt': 'changed, and longer than before\n' });
    const expected = paths.map((_, i) => i !== 3);
    // Dispatched calls are fs.lstat's: counted through the builtin module's exports.
    const dispatched = vi.spyOn(fs, 'lstat');
    syncBuiltinESMExports();
    onTestFinished(() => {
      dispatched.mockRestore();
      syncBuiltinESMExports();
    });
    // Any time counts as slow: the first batch (on this thread) switches the rest to dispatched calls.
    const slow = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1', 0);
    expect((await slow.lookupFiles(paths.slice(0, 20))).map((e) => e !== undefined)).toEqual(expected.slice(0, 20));
    expect(dispatched).not.toHaveBeenCalled();
    expect((await slow.lookupFiles(paths.slice(20))).map((e) => e !== undefined)).toEqual(expected.slice(20));
    expect(dispatched).toHaveBeenCalledTimes(20);
    const fast = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    expect((await fast.lookupFiles(paths)).map((e) => e !== undefined)).toEqual(expected);
    expect(dispatched).toHaveBeenCalledTimes(20);
  });

  it('drops a file that changed, and one that is gone, from the next save', async () => {
    const { cacheDir, paths } = setup();
    const first = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    for (const path of paths) first.store(path, reportFor(path));
    first.save();
    writeTree(join(paths[0]!, '..'), { 'clean.txt': 'changed, and longer than before\n' });
    const second = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    const found = await second.lookupFiles(paths.slice(0, 3));
    expect(found.map((e) => e !== undefined)).toEqual([false, true, true]);
    second.save();
    const third = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    expect((await third.lookupFiles(paths)).map((e) => e !== undefined)).toEqual([false, true, true, false]);
  });

  it('finds each of many records, keys of every shape, and writes new ones out before the save', async () => {
    const { cacheDir } = setup();
    const blob = (i: number) => ({ task: { root: '/r', path: `p${i}`, source: 'git-history' }, findings: [], bytes: i } as unknown as FileReport);
    // Keys sharing long prefixes, non-ASCII, a newline: a hash table must tell them all apart.
    const keys = Array.from({ length: 20_000 }, (_, i) => `blob:/r/.git:${i.toString(16).padStart(40, '0')}:dir/${i % 7 === 0 ? 'é\n' : ''}f${i}`);
    const first = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    keys.forEach((key, i) => first.store(key, blob(i)));
    // 20,000 records are more than one flush: the partial file exists while the scan runs.
    expect(readdirSync(cacheDir).some((name) => name.endsWith('.tmp'))).toBe(true);
    first.save();
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const second = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    expect(keys.map((key) => second.lookupBlob(key)?.bytes)).toEqual(keys.map((_, i) => i));
    expect(second.lookupBlob(`${keys[5]}x`)).toBeUndefined();
    expect(second.lookupBlob(keys[5]!.slice(0, -1))).toBeUndefined();
  });

  it('keeps entries with findings in a file of their own until the save, then in the cache with the ones used again', async () => {
    const { cacheDir } = setup();
    const withFindings = (i: number) =>
      ({ task: { root: '/r', path: `fixtures/f${i}.txt`, source: 'git-history' }, findings: Array.from({ length: 5 }, (_, n) => ({ ...finding, fingerprint: `f${i}-${n}`, message: 'é'.repeat(40) })), bytes: i }) as unknown as FileReport;
    const key = (i: number) => `blob:/r/.git:${i.toString(16).padStart(40, '0')}:fixtures/f${i}.txt`;
    const first = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    for (let i = 0; i < 2_000; i++) first.store(key(i), withFindings(i));
    // More than one flush of them: they are on disk while the scan runs, not in memory.
    expect(readdirSync(cacheDir).filter((name) => /\.rich\.\d+\.tmp$/.test(name))).toHaveLength(1);
    first.save();
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const second = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    for (let i = 0; i < 2_000; i++) expect(second.lookupBlob(key(i))?.findings.map((f) => f.fingerprint)).toEqual(withFindings(i).findings.map((f) => f.fingerprint));
    for (let i = 2_000; i < 2_010; i++) second.store(key(i), withFindings(i));
    second.save();
    const third = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    expect(third.lookupBlob(key(7))?.findings[4]?.message).toBe('é'.repeat(40));
    expect(third.lookupBlob(key(2_009))?.bytes).toBe(2_009);
    expect(third.lookupBlob(key(8))).toBeDefined();
    for (let i = 3_000; i < 3_003; i++) third.store(key(i), withFindings(i));
    third.save();
    const fourth = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    // Only new entries, none used again: the first of them opens the list.
    fourth.store(key(4_000), withFindings(4_000));
    fourth.save();
    const fifth = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    expect([4_000, 7, 3_000].map((i) => fifth.lookupBlob(key(i))?.bytes)).toEqual([4_000, undefined, undefined]);
  });

  it('finds entries again whose keys and texts hold quotes, braces, backslashes and line breaks', async () => {
    const { cacheDir } = setup();
    const texts = ['a "quoted" {brace} }} \\ back\\slash \\"', '}', '{"', 'line\nbreak\u2028é', '\\'];
    const keys = texts.map((text, i) => `blob:/r/.git:${i}:${text}`);
    const first = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    keys.forEach((key, i) => first.store(key, { task: { root: '/r', path: texts[i], source: 'git-history' }, findings: [{ ...finding, message: texts[i] }], bytes: i } as unknown as FileReport));
    first.save();
    const second = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    expect(keys.map((key) => second.lookupBlob(key)?.findings[0]?.message)).toEqual(texts);
    second.store('blob:new', { task: { root: '/r', path: 'new', source: 'git-history' }, findings: [], bytes: 1 } as unknown as FileReport);
    second.save();
    // Written again from the text as it was read, not parsed and rewritten: still whole.
    const third = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    expect(keys.map((key) => third.lookupBlob(key)?.bytes)).toEqual(texts.map((_, i) => i));
    expect(third.lookupBlob(keys[0]!)?.findings[0]?.message).toBe(texts[0]);
  });

  it('keeps the last result stored for a key, and only what this scan used', async () => {
    const { cacheDir } = setup();
    const blob = (bytes: number) => ({ task: { root: '/r', path: 'p', source: 'git-history' }, findings: [], bytes } as unknown as FileReport);
    const first = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    first.store('blob:a', blob(1));
    first.store('blob:a', blob(2));
    first.store('blob:b', blob(3));
    first.save();
    const second = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    expect(second.lookupBlob('blob:a')?.bytes).toBe(2);
    second.save(); // blob:b was not used: dropped
    const third = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    expect(third.lookupBlob('blob:a')?.bytes).toBe(2);
    expect(third.lookupBlob('blob:b')).toBeUndefined();
  });

  it('only costs speed when the cache cannot be written: the scan goes on and the old file stays', async () => {
    const { cacheDir, paths } = setup();
    const first = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    for (const path of paths) first.store(path, reportFor(path));
    first.save();
    const [name] = readdirSync(cacheDir);
    const before = readFileSync(join(cacheDir, name!));
    // The partial file's name taken by a folder: opening it for writing fails.
    mkdirSync(join(cacheDir, `${name}.${process.pid}.tmp`));
    const second = openScanCache(openCacheFolder(cacheDir, true), ['/r'], 'rules-1');
    second.store('blob:new', { task: { root: '/r', path: 'n', source: 'git-history' }, findings: [], bytes: 1 } as unknown as FileReport);
    expect(() => second.save()).not.toThrow();
    expect(readFileSync(join(cacheDir, name!))).toEqual(before);
    expect(existsSync(join(cacheDir, name!))).toBe(true);
  });
});
