import { createHash } from 'node:crypto';
import { lstat, lstatSync, readFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { Introduction, IntroductionMemory } from '../git/history.js';
import { TALLY_KEYS, type ContentTally } from '../model/contents.js';
import type { FileFinding } from '../model/finding.js';
import { CacheEntries } from './cache-entries.js';
import { noteCacheRead, noteCacheWrite, PartialFile, writeCacheFile, type CacheFolder } from './cache-dir.js';
import type { FileIdentity } from './read-file.js';
import type { FileReport } from './scan-file-task.js';

/** 4: binaries, archives and databases are read; records count what was read inside a file. */
const FORMAT = 4;
/** A file changed within this window of its scan may change again unseen (same mtime): not cached. */
const RACY_MS = 2000;
/** New records are written out whenever this many characters wait: the main thread holds no list of every file. */

interface Entry {
  /** Identity of a file on disk; absent for git blobs, whose key is their content id. */
  id?: FileIdentity;
  findings: FileFinding[];
  bytes: number;
  skip?: FileReport['skip'];
  innerSkips?: FileReport['innerSkips'];
  inside?: FileReport['inside'];
}

/**
 * The cache file: one record per clean file, `key NUL dev NUL ino NUL size NUL mtime NUL bytes
 * NUL inside NUL` (keys are paths, which never hold a NUL; `inside` is what was read inside the
 * file, `archives,entries,databases,binaries,media`, or empty), then a newline and one line of JSON: format,
 * rules, and the entries with findings or a skip (few). The JSON comes last so that records
 * can be written while the scan runs, and it holds no raw newline, so it starts after the
 * last one.
 */
interface Trailer {
  format: number;
  rules: string;
  entries: Record<string, Entry>;
}

const FIELDS = 7;
const ENTRIES = '"entries":';

/**
 * The clean records of a cache file, looked up in place: a hash table of record numbers over
 * the file's text. A warm rescan of 100,000 files builds no string or object per record, so
 * the main thread's heap stays small (each string kept alive would be copied by every young
 * collection and then make V8 grow its young generation).
 */
class Records {
  readonly count: number;
  private readonly starts: Int32Array;
  private readonly keyEnds: Int32Array;
  private readonly table: Int32Array;
  private readonly mask: number;
  /** Which records this scan used again: only they are written back. */
  readonly used: Uint8Array;

  constructor(
    private readonly text: string,
    private readonly end: number,
  ) {
    let nuls = 0;
    for (let at = text.indexOf('\0'); at !== -1 && at < end; at = text.indexOf('\0', at + 1)) nuls++;
    this.count = Math.floor(nuls / FIELDS);
    this.starts = new Int32Array(this.count + 1);
    this.keyEnds = new Int32Array(this.count);
    this.used = new Uint8Array(this.count);
    let size = 16;
    while (size < this.count * 2) size *= 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
    let at = 0;
    for (let i = 0; i < this.count; i++) {
      this.starts[i] = at;
      this.keyEnds[i] = text.indexOf('\0', at);
      for (let field = 0; field < FIELDS; field++) at = text.indexOf('\0', at) + 1;
      this.insert(i);
    }
    this.starts[this.count] = at;
  }

  private insert(record: number): void {
    let slot = hashOf(this.text, this.starts[record]!, this.keyEnds[record]!) & this.mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
    this.table[slot] = record + 1;
  }

  /** The number of the record for `key` (the last one written, if several), or -1. */
  find(key: string): number {
    let found = -1;
    for (let slot = hashOf(key, 0, key.length) & this.mask; this.table[slot] !== 0; slot = (slot + 1) & this.mask) {
      const record = this.table[slot]! - 1;
      const start = this.starts[record]!;
      if (this.keyEnds[record]! - start === key.length && this.text.startsWith(key, start)) found = Math.max(found, record);
    }
    return found;
  }

  entry(record: number): Entry {
    const fields = this.text.slice(this.keyEnds[record]! + 1, this.starts[record + 1]! - 1).split('\0');
    const [dev, ino, size, mtime, bytes, inside] = fields as [string, string, string, string, string, string];
    return {
      ...(dev === '' ? {} : { id: [Number(dev), Number(ino), Number(size), Number(mtime)] as FileIdentity }),
      findings: [],
      bytes: Number(bytes),
      ...(inside === '' ? {} : { inside: decodeInside(inside) }),
    };
  }

  /** Marks every record whose key starts with `prefix` as used; returns how many were not yet. */
  useAll(prefix: string): number {
    let newly = 0;
    for (let record = 0; record < this.count; record++) {
      if (this.used[record] === 1 || !this.text.startsWith(prefix, this.starts[record]!)) continue;
      this.used[record] = 1;
      newly++;
    }
    return newly;
  }

  /** The record as written, its key included. */
  raw(record: number): string {
    return this.text.slice(this.starts[record]!, this.starts[record + 1]!);
  }
}

/** FNV-1a over UTF-16 code units: the same number for a key and for its record in the text. */
function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

interface Previous {
  records: Records;
  rich: CacheEntries<Entry>;
}

/** A cache file's text; undefined when there is none yet, or it cannot be read (then it only costs time). */
function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The earlier results in the cache file, or undefined when there are none for these rules (every file is scanned). */
function readCacheFile(file: string, rulesKey: string): Previous | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  const newline = text.lastIndexOf('\n');
  try {
    // The JSON line's head is parsed; its entries are only indexed (`CacheEntries`).
    const at = text.indexOf(ENTRIES, newline + 1);
    const head = JSON.parse(`${text.slice(newline + 1, at)}${ENTRIES}{}}`) as Trailer;
    if (newline === -1 || at === -1 || head.format !== FORMAT || head.rules !== rulesKey) return undefined;
    return { records: new Records(text, newline), rich: new CacheEntries<Entry>(text, at + ENTRIES.length) };
  } catch {
    return undefined;
  }
}

const isClean = (entry: Entry) => entry.findings.length === 0 && entry.skip === undefined && entry.innerSkips === undefined;
const encodeInside = (inside: Entry['inside']) => (inside ? TALLY_KEYS.map((key) => inside[key] ?? 0).join(',') : '');
function decodeInside(text: string): Partial<ContentTally> {
  const counts = text.split(',').map(Number);
  return Object.fromEntries(TALLY_KEYS.map((key, i) => [key, counts[i] ?? 0]).filter(([, n]) => n !== 0));
}
const cleanRecord = (key: string, entry: Entry) => `${key}\0${[...(entry.id ?? ['', '', '', '']), entry.bytes, encodeInside(entry.inside)].join('\0')}\0`;

export interface ScanCache {
  /**
   * The earlier results for files, each if the file is still the same one, byte for byte. The
   * files are looked at in parallel (off the main thread), many at a time.
   */
  lookupFiles(absolutePaths: string[]): Promise<(Entry | undefined)[]>;
  lookupBlob(key: string): Entry | undefined;
  store(key: string, report: FileReport): void;
  /** Writes what this scan saw (and only that: deleted files drop out). */
  save(): void;
  /** Keeps the results of a repository's blobs for the next scan, though this one did not look them up. */
  keepBlobs(gitDir: string): void;
  /** The commits that introduced a repository's blobs with findings (ids and paths only). */
  historyIntroductions(gitDir: string): IntroductionMemory;
}

/** The start of every blob key of a repository (see `historyKey`). */
export const historyKeyPrefix = (gitDir: string) => `blob:${gitDir}:`;

const sameIdentity = (a: FileIdentity, b: FileIdentity) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];

/** Past this many milliseconds per call on average, lookups leave the main thread (see lookupFiles). */
const SLOW_LSTAT_MS = 0.1;

/**
 * Results of earlier scans, per set of roots, valid only for the same rules, options and
 * airlock version (`rulesKey`). Masked values and fingerprints only: a scan with
 * --show-secrets never uses it.
 */
export function openScanCache(folder: CacheFolder, roots: string[], rulesKey: string, slowLstatMs = SLOW_LSTAT_MS): ScanCache {
  const { dir, isWritable } = folder;
  // Whether lookups have found `lstat` fast (a local disk): one slow batch settles it.
  let lstatIsFast = true;
  const file = join(dir, `scan-${createHash('sha256').update(roots.join('\0')).digest('hex').slice(0, 24)}.cache`);
  const started = Date.now();
  const previous = readCacheFile(file, rulesKey);
  if (previous) noteCacheRead(folder, file);
  const { records, rich } = previous ?? { records: new Records('', 0), rich: new CacheEntries<Entry>('{}', 0) };
  // Entries with findings or a skip: those used again are named here (the earlier file's map
  // holds them), new ones go to a file of their own as they come, as `,"key":{…}` (a history
  // of test fixtures holds hundreds of megabytes of them), and both into the trailer at the end.
  const reusedRich = new Set<string>();
  const spill = isWritable ? new PartialFile(dir, `${file}.rich`) : undefined;
  // The next cache file, written as the scan goes: new clean records are appended at once,
  // so none is held in memory; entries with findings wait for the trailer.
  const partial = isWritable ? new PartialFile(dir, file) : undefined;
  // Nothing new stored and nothing gone: the file on disk is still right, and not rewritten.
  let hasNews = false;
  let usedRecords = 0;
  /** The earlier entry for `key`, marked as still in use. */
  const reuse = (key: string): Entry | undefined => {
    const entry = rich.get(key);
    if (entry) {
      reusedRich.add(key);
      return entry;
    }
    const record = records.find(key);
    if (record === -1) return undefined;
    if (records.used[record] === 0) usedRecords++;
    records.used[record] = 1;
    return records.entry(record);
  };
  const unuse = (key: string) => {
    if (reusedRich.delete(key)) return;
    const record = records.find(key);
    if (record !== -1 && records.used[record] === 1) {
      records.used[record] = 0;
      usedRecords--;
    }
  };
  return {
    lookupFiles(absolutePaths) {
      const found: (Entry | undefined)[] = new Array(absolutePaths.length).fill(undefined);
      /** `entry` has an identity: the file's as it is now, or undefined if gone. */
      const check = (i: number, entry: Entry, stats: Stats | undefined) => {
        if (stats?.isFile() && sameIdentity(entry.id!, [stats.dev, stats.ino, stats.size, stats.mtimeMs])) found[i] = entry;
        else unuse(absolutePaths[i]!);
      };
      const wanted: [index: number, entry: Entry][] = [];
      absolutePaths.forEach((absolutePath, i) => {
        const entry = reuse(absolutePath);
        if (entry?.id) wanted.push([i, entry]);
        else if (entry) unuse(absolutePath);
      });
      // lstatSync while the file system answers fast: a warm rescan makes 100,000 of these
      // calls, and its main thread is what it waits for; a system call costs it less than
      // dispatching one to libuv's threads and taking its callback (113,000 files: 226 against
      // 420 ms). A slow one (a network mount) gets them dispatched, several at a time.
      if (lstatIsFast) {
        const started = performance.now();
        for (const [i, entry] of wanted) check(i, entry, lstatSync(absolutePaths[i]!, { throwIfNoEntry: false }));
        if (wanted.length >= 16 && (performance.now() - started) / wanted.length > slowLstatMs) lstatIsFast = false;
        return Promise.resolve(found);
      }
      // Plain callbacks, not a promise per file.
      let waiting = wanted.length;
      return new Promise((resolve) => {
        if (waiting === 0) resolve(found);
        for (const [i, entry] of wanted) {
          lstat(absolutePaths[i]!, (error, stats) => {
            check(i, entry, error ? undefined : stats);
            if (--waiting === 0) resolve(found);
          });
        }
      });
    },
    lookupBlob(key) {
      return reuse(key);
    },
    store(key, report) {
      if (report.task.source === 'file' && (!report.identity || report.identity[3] > started - RACY_MS)) return;
      // A failed or stopped match is not kept: the next scan tries again.
      if (report.skip?.reason === 'match-error' || report.skip?.reason === 'timeout') return;
      const { innerSkips, inside } = report;
      const entry: Entry = { id: report.identity, findings: report.findings, bytes: report.bytes, skip: report.skip, innerSkips, inside };
      hasNews = true;
      if (isClean(entry)) partial?.append(cleanRecord(key, entry));
      else spill?.append(`,${JSON.stringify(key)}:${JSON.stringify(entry)}`);
    },
    keepBlobs(gitDir) {
      const prefix = historyKeyPrefix(gitDir);
      usedRecords += records.useAll(prefix);
      for (const key of rich.keys()) if (key.startsWith(prefix)) reusedRich.add(key);
    },
    historyIntroductions(gitDir) {
      return introductionMemory(folder, gitDir);
    },
    save() {
      if (!partial) return;
      if (!hasNews && usedRecords === records.count && reusedRich.size === rich.size) {
        partial.discard();
        spill?.discard();
        return;
      }
      for (let record = 0; record < records.count; record++) if (records.used[record] === 1) partial.append(records.raw(record));
      // The trailer (`Trailer`) an entry at a time: never one string of every entry with findings.
      partial.append(`\n${JSON.stringify({ format: FORMAT, rules: rulesKey } satisfies Omit<Trailer, 'entries'>).slice(0, -1)},${ENTRIES}{`);
      let separator = '';
      for (const key of reusedRich) {
        partial.append(`${separator}${JSON.stringify(key)}:${rich.raw(key)!}`);
        separator = ',';
      }
      // The spilled entries each begin with a comma: the first one's goes when it comes first.
      for (const piece of spill?.readBack() ?? []) {
        partial.append(separator === '' ? piece.slice(1) : piece);
        separator = ',';
      }
      spill?.discard();
      partial.append('}}');
      if (partial.commit(file)) noteCacheWrite(folder, file);
    },
  };
}

/** A memory's file: the digest on the first line, then NUL-terminated fields. */
function readMemoryFile(folder: CacheFolder, file: string): { digest: string; fields: string[] } | undefined {
  const text = readText(file);
  const newline = text?.indexOf('\n') ?? -1;
  if (text === undefined || newline === -1) return undefined;
  noteCacheRead(folder, file);
  return { digest: text.slice(0, newline), fields: text.slice(newline + 1).split('\0') };
}

/**
 * Writes a memory's file from a map, an entry at a time: a large repository has hundreds of
 * thousands of blobs, and its paths joined into one text (then bytes) took 70 MB at once.
 */
function writeMemoryFile<V>(folder: CacheFolder, file: string, digest: string, entries: Map<string, V>, fieldsOf: (key: string, value: V) => string[]): void {
  writeCacheFile(folder, file, (function* () {
    yield `${digest}\n`;
    for (const [key, value] of entries) yield `${fieldsOf(key, value).join('\0')}\0`;
  })());
}

const memoryFile = (folder: CacheFolder, gitDir: string, extension: string) =>
  join(folder.dir, `history-${createHash('sha256').update(gitDir).digest('hex').slice(0, 24)}.${extension}`);

/**
 * The commits that introduced a repository's blobs, in their own file: the digest of its
 * object list, then `oid NUL commit NUL path NUL` for each blob (commit and path empty when
 * no commit introduces it). Only ids and paths: never content.
 */
function introductionMemory(folder: CacheFolder, gitDir: string): IntroductionMemory {
  const file = memoryFile(folder, gitDir, 'commits');
  return {
    recall(digest) {
      const read = readMemoryFile(folder, file);
      if (!read || read.digest !== digest) return undefined;
      const introductions = new Map<string, Introduction | null>();
      const { fields } = read;
      for (let i = 0; i + 2 < fields.length; i += 3) introductions.set(fields[i]!, fields[i + 1] ? { commit: fields[i + 1]!, path: fields[i + 2]! } : null);
      return introductions;
    },
    remember(digest, introductions) {
      writeMemoryFile(folder, file, digest, introductions, (oid, found) => [oid, found?.commit ?? '', found?.path ?? '']);
    },
  };
}

/** What a cached result depends on besides the file: rules, version, limits. */
export function scanCacheKey(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
