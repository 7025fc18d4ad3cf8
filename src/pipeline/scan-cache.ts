import { createHash } from 'node:crypto';
import { lstat, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PathMemory } from '../git/history.js';
import type { FileFinding } from '../model/finding.js';
import type { FileIdentity } from './read-file.js';
import type { FileReport } from './scan-file-task.js';

const FORMAT = 2;
/** A file changed within this window of its scan may change again unseen (same mtime): not cached. */
const RACY_MS = 2000;

interface Entry {
  /** Identity of a file on disk; absent for git blobs, whose key is their content id. */
  id?: FileIdentity;
  findings: FileFinding[];
  bytes: number;
  skip?: FileReport['skip'];
}

/**
 * The cache file: one line of JSON (format, rules, and the entries with findings or a skip:
 * few), then one record per clean file, `key NUL dev NUL ino NUL size NUL mtime NUL bytes NUL`.
 * Keys are paths, which never hold a NUL. Clean records stay unparsed strings until looked
 * up: a warm scan of 100,000 files neither builds 100,000 objects nor writes them back.
 */
interface Header {
  format: number;
  rules: string;
  entries: Record<string, Entry>;
}

const FIELDS = 6;

/** A clean entry as its record's fields after the key; an entry with findings or a skip as is. */
type Stored = Entry | string;

function readCacheFile(file: string, rulesKey: string): Map<string, Stored> {
  const entries = new Map<string, Stored>();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return entries; // no cache yet: every file is scanned
  }
  const newline = text.indexOf('\n');
  try {
    const header = JSON.parse(newline === -1 ? text : text.slice(0, newline)) as Header;
    if (header.format !== FORMAT || header.rules !== rulesKey) return entries;
    for (const [key, entry] of Object.entries(header.entries)) entries.set(key, entry);
  } catch {
    return entries;
  }
  let at = newline + 1;
  while (at > 0 && at < text.length) {
    const keyEnd = text.indexOf('\0', at);
    let end = keyEnd;
    for (let field = 1; field < FIELDS && end !== -1; field++) end = text.indexOf('\0', end + 1);
    if (keyEnd === -1 || end === -1) break;
    entries.set(text.slice(at, keyEnd), text.slice(keyEnd + 1, end));
    at = end + 1;
  }
  return entries;
}

function cleanEntry(fields: string): Entry {
  const [dev, ino, size, mtime, bytes] = fields.split('\0') as [string, string, string, string, string];
  return { ...(dev === '' ? {} : { id: [Number(dev), Number(ino), Number(size), Number(mtime)] as FileIdentity }), findings: [], bytes: Number(bytes) };
}

const isClean = (entry: Entry) => entry.findings.length === 0 && entry.skip === undefined;
const cleanRecord = (entry: Entry) => [...(entry.id ?? ['', '', '', '']), entry.bytes].join('\0');

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
  /** Blob paths of a repository's history, kept beside the results (paths only, no content). */
  historyPaths(gitDir: string): PathMemory;
}

const sameIdentity = (a: FileIdentity, b: FileIdentity) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];

/**
 * Results of earlier scans, per set of roots, valid only for the same rules, options and
 * airlock version (`rulesKey`). Masked values and fingerprints only: a scan with
 * --show-secrets never uses it.
 */
export function openScanCache(dir: string, roots: string[], rulesKey: string, isWritable: boolean): ScanCache {
  const file = join(dir, `scan-${createHash('sha256').update(roots.join('\0')).digest('hex').slice(0, 24)}.cache`);
  const started = Date.now();
  const previous = readCacheFile(file, rulesKey);
  const next = new Map<string, Stored>();
  // Nothing new stored and nothing gone: the file on disk is still right, and not rewritten.
  let hasNews = false;
  const entryOf = (stored: Stored) => (typeof stored === 'string' ? cleanEntry(stored) : stored);
  return {
    lookupFiles(absolutePaths) {
      // Plain callbacks, not a promise per file: a warm rescan makes 100,000 of these calls.
      const found: (Entry | undefined)[] = new Array(absolutePaths.length).fill(undefined);
      let waiting = 0;
      return new Promise((resolve) => {
        absolutePaths.forEach((absolutePath, i) => {
          const stored = previous.get(absolutePath);
          if (stored === undefined) return;
          const entry = entryOf(stored);
          if (!entry.id) return;
          const id = entry.id;
          waiting++;
          lstat(absolutePath, (error, stats) => {
            if (!error && stats.isFile() && sameIdentity(id, [stats.dev, stats.ino, stats.size, stats.mtimeMs])) {
              next.set(absolutePath, stored);
              found[i] = entry;
            }
            if (--waiting === 0) resolve(found);
          });
        });
        if (waiting === 0) resolve(found);
      });
    },
    lookupBlob(key) {
      const stored = previous.get(key);
      if (stored === undefined) return undefined;
      next.set(key, stored);
      return entryOf(stored);
    },
    store(key, report) {
      if (report.task.source === 'file' && (!report.identity || report.identity[3] > started - RACY_MS)) return;
      // A failed or stopped match is not kept: the next scan tries again.
      if (report.skip?.reason === 'match-error' || report.skip?.reason === 'timeout') return;
      const entry: Entry = { id: report.identity, findings: report.findings, bytes: report.bytes, skip: report.skip };
      next.set(key, isClean(entry) ? cleanRecord(entry) : entry);
      hasNews = true;
    },
    historyPaths(gitDir) {
      return pathMemory(dir, gitDir, isWritable);
    },
    save() {
      if (!isWritable || (!hasNews && next.size === previous.size)) return;
      const rich: Record<string, Entry> = {};
      const clean: string[] = [];
      for (const [key, stored] of next) {
        if (typeof stored === 'string') clean.push(`${key}\0${stored}\0`);
        else rich[key] = stored;
      }
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const partial = `${file}.${process.pid}.tmp`;
        writeFileSync(partial, `${JSON.stringify({ format: FORMAT, rules: rulesKey, entries: rich } satisfies Header)}\n${clean.join('')}`, { mode: 0o600 });
        renameSync(partial, file);
      } catch {
        // a cache that cannot be written only costs speed
      }
    },
  };
}

/**
 * A repository's blob paths in their own file: the digest of its object list on the first
 * line, then `oid NUL path NUL` for each object.
 */
function pathMemory(dir: string, gitDir: string, isWritable: boolean): PathMemory {
  const file = join(dir, `history-${createHash('sha256').update(gitDir).digest('hex').slice(0, 24)}.paths`);
  return {
    recall() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
      const newline = text.indexOf('\n');
      if (newline === -1) return undefined;
      const fields = text.slice(newline + 1).split('\0');
      const paths = new Map<string, string>();
      for (let i = 0; i + 1 < fields.length; i += 2) paths.set(fields[i]!, fields[i + 1]!);
      return { digest: text.slice(0, newline), paths };
    },
    remember(digest, paths) {
      if (!isWritable) return;
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const partial = `${file}.${process.pid}.tmp`;
        writeFileSync(partial, `${digest}\n${[...paths].map(([oid, path]) => `${oid}\0${path}\0`).join('')}`, { mode: 0o600 });
        renameSync(partial, file);
      } catch {
        // only costs speed
      }
    },
  };
}

/** What a cached result depends on besides the file: rules, version, limits. */
export function scanCacheKey(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
