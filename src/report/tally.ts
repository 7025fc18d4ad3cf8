import type { ContentTally } from '../model/contents.js';
import { SKIP_REASONS, type Skipped } from '../model/finding.js';
import type { ScanResult } from '../model/result.js';
import { plural } from './numbers.js';

/**
 * What was not read, in two lists that every output counts the same way: `unread` makes the
 * scan incomplete (size, time, errors, permissions); `neverOpened` does not (FIFOs, sockets
 * and devices hold no file content to read, and are never shared).
 */
export function partitionSkipped(result: Pick<ScanResult, 'skipped'>): { unread: Skipped[]; neverOpened: Skipped[] } {
  const unread: Skipped[] = [];
  const neverOpened: Skipped[] = [];
  for (const s of result.skipped) (SKIP_REASONS[s.reason].isIncomplete ? unread : neverOpened).push(s);
  return { unread, neverOpened };
}

/** Suppressed findings counted by where the suppression came from, in first-seen order. */
export function suppressionsBySource(result: Pick<ScanResult, 'suppressed'>): [by: string, count: number][] {
  const counts = new Map<string, number>();
  for (const s of result.suppressed) counts.set(s.by, (counts.get(s.by) ?? 0) + 1);
  return [...counts];
}

/** What was read inside files, and the media not read: "3 archives, 41 entries, … read; 2,314 media files not read". */
export function insideLine(inside: ContentTally | undefined): string | undefined {
  if (!inside) return undefined;
  const read = [
    inside.archives > 0 ? plural(inside.archives, 'archive') : '',
    inside.entries > 0 ? plural(inside.entries, 'entry', 'entries') : '',
    inside.databases > 0 ? plural(inside.databases, 'SQLite database') : '',
    inside.binaries > 0 ? plural(inside.binaries, 'binary', 'binaries') : '',
  ].filter(Boolean);
  const parts = [read.length > 0 ? `${read.join(', ')} read` : '', inside.media > 0 ? `${plural(inside.media, 'media file')} not read` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : undefined;
}
