import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addTally, emptyTally, type ContentTally } from '../model/contents.js';
import { noteCacheRead, writeCacheFile, type CacheFolder } from './cache-dir.js';
import type { FileReport } from './scan-file-task.js';

const FORMAT = 1;

/** A blob's report as the state keeps it: only blobs with findings or something left unread. */
export interface KeptReport extends Omit<FileReport, 'task' | 'identity' | 'deferred'> {
  oid: string;
  path: string;
  /** Where the commit that introduced the blob came in the log (larger is older), if one did. */
  order?: number;
}

/**
 * What a repository's history scan found, for a rescan while the repository is the same (its
 * object fingerprint): then neither the objects are listed nor the blobs looked up one by one.
 */
export interface HistoryState {
  fingerprint: string;
  /** Blobs accounted for: read, or taken from the cache. */
  blobs: number;
  /** Bytes and contents of the blobs not kept in `reports` (those with nothing to say). */
  bytes: number;
  inside: ContentTally;
  /** The blobs left to the work tree's unchanged files (not read): `oid NUL path NUL` each. */
  workTree: string;
  reports: KeptReport[];
}

export const emptyHistoryState = (fingerprint: string): HistoryState => ({ fingerprint, blobs: 0, bytes: 0, inside: emptyTally(), workTree: '', reports: [] });

/** Whether a report has something to keep (findings, or something left unread). */
export const isWorthKeeping = (report: FileReport) => report.findings.length > 0 || report.skip !== undefined || report.innerSkips !== undefined;

/** Adds a clean report to a state's totals. */
export function addClean(state: HistoryState, report: Pick<FileReport, 'bytes' | 'inside'>): void {
  state.bytes += report.bytes;
  if (report.inside) addTally(state.inside, report.inside);
}

export interface HistoryStateMemory {
  recall(fingerprint: string): HistoryState | undefined;
  remember(state: HistoryState): void;
}

/** The state of a repository's history scan, in the cache folder, for one set of rules and options (`rulesKey`). */
export function historyStateMemory(folder: CacheFolder, gitDir: string, rulesKey: string): HistoryStateMemory {
  const file = join(folder.dir, `history-${createHash('sha256').update(gitDir).digest('hex').slice(0, 24)}.state`);
  return {
    recall(fingerprint) {
      try {
        const saved = JSON.parse(readFileSync(file, 'utf8')) as HistoryState & { format: number; rules: string };
        if (saved.format !== FORMAT || saved.rules !== rulesKey || saved.fingerprint !== fingerprint) return undefined;
        noteCacheRead(folder, file);
        const { format: _format, rules: _rules, ...state } = saved;
        return state;
      } catch {
        return undefined;
      }
    },
    remember(state) {
      writeCacheFile(folder, file, JSON.stringify({ format: FORMAT, rules: rulesKey, ...state }));
    },
  };
}
