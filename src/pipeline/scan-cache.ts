import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileFinding } from '../model/finding.js';
import type { FileIdentity } from './read-file.js';
import type { FileReport } from './scan-file-task.js';

const FORMAT = 1;
/** A file changed within this window of its scan may change again unseen (same mtime): not cached. */
const RACY_MS = 2000;

interface Entry {
  /** Identity of a file on disk; absent for git blobs, whose key is their content id. */
  id?: FileIdentity;
  findings: FileFinding[];
  bytes: number;
  skip?: FileReport['skip'];
}

interface CacheFile {
  format: number;
  rules: string;
  entries: Record<string, Entry>;
}

export interface ScanCache {
  /** The earlier result for a file, if the file is still the same one, byte for byte. */
  lookupFile(absolutePath: string): Entry | undefined;
  lookupBlob(key: string): Entry | undefined;
  store(key: string, report: FileReport): void;
  /** Writes what this scan saw (and only that: deleted files drop out). */
  save(): void;
}

const sameIdentity = (a: FileIdentity, b: FileIdentity) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];

/**
 * Results of earlier scans, per set of roots, valid only for the same rules, options and
 * airlock version (`rulesKey`). Masked values and fingerprints only: a scan with
 * --show-secrets never uses it.
 */
export function openScanCache(dir: string, roots: string[], rulesKey: string, isWritable: boolean): ScanCache {
  const file = join(dir, `scan-${createHash('sha256').update(roots.join('\0')).digest('hex').slice(0, 24)}.json`);
  const started = Date.now();
  let previous: Record<string, Entry> = {};
  try {
    const loaded = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    if (loaded.format === FORMAT && loaded.rules === rulesKey) previous = loaded.entries;
  } catch {
    // no cache yet: every file is scanned
  }
  const next: Record<string, Entry> = {};
  return {
    lookupFile(absolutePath) {
      const entry = previous[absolutePath];
      if (!entry?.id) return undefined;
      try {
        const stats = lstatSync(absolutePath);
        if (!stats.isFile() || !sameIdentity(entry.id, [stats.dev, stats.ino, stats.size, stats.mtimeMs])) return undefined;
      } catch {
        return undefined;
      }
      next[absolutePath] = entry;
      return entry;
    },
    lookupBlob(key) {
      const entry = previous[key];
      if (entry) next[key] = entry;
      return entry;
    },
    store(key, report) {
      if (report.task.source === 'file' && (!report.identity || report.identity[3] > started - RACY_MS)) return;
      // A failed or stopped match is not kept: the next scan tries again.
      if (report.skip?.reason === 'match-error' || report.skip?.reason === 'timeout') return;
      next[key] = { id: report.identity, findings: report.findings, bytes: report.bytes, skip: report.skip };
    },
    save() {
      if (!isWritable) return;
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const partial = `${file}.${process.pid}.tmp`;
        writeFileSync(partial, JSON.stringify({ format: FORMAT, rules: rulesKey, entries: next } satisfies CacheFile), { mode: 0o600 });
        renameSync(partial, file);
      } catch {
        // a cache that cannot be written only costs speed
      }
    },
  };
}

/** What a cached result depends on besides the file: rules, version, limits. */
export function scanCacheKey(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
