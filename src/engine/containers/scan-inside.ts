import type { FileFinding, SkipReason } from '../../model/finding.js';
import { decodeText, detectEncoding } from '../decode.js';
import type { RuleSet } from '../rule-set.js';
import { matchPath, rulesForPath, scanContent, type EngineOptions, type PathRules } from '../scan-file.js';
import type { Cell, DatabaseReader } from './database.js';
import { ArchiveLimit, CorruptArchive, UnsupportedFormat, type Entries } from './entry.js';
import { formatOf, isContainer, unsupportedKind, type Format } from './formats.js';
import { joinPieces, lineStarts, placeFindings, type Piece } from './joined.js';
import type { Budget, ContainerLimits } from './limits.js';
import { offsetOf, printableRuns, printableStrings } from './strings.js';
import { emptyTally, type ContentTally } from '../../model/contents.js';

/** Something inside a file that was not read: `path` names the archive, entry or database. */
export interface InnerSkip {
  path: string;
  reason: SkipReason;
  detail: string;
}

/** What one file's scan shares while it goes down into its containers. */
export interface InsideScan {
  ruleSet: RuleSet;
  options: EngineOptions;
  limits: ContainerLimits;
  budget: Budget;
  readDatabase?: DatabaseReader;
  tally: ContentTally;
  skips: InnerSkip[];
}

export function startInsideScan(ruleSet: RuleSet, options: EngineOptions, limits: ContainerLimits, readDatabase?: DatabaseReader): InsideScan {
  return { ruleSet, options, limits, budget: { entries: limits.maxEntries, bytes: limits.maxExpandedBytes }, readDatabase, tally: emptyTally(), skips: [] };
}

/** Text and table pieces are scanned in groups of about this many characters. */
const GROUP_CHARS = 4 * 1024 * 1024;

async function scanPieces(scan: InsideScan, path: string, pieces: Piece[], applicable: PathRules): Promise<FileFinding[]> {
  if (pieces.length === 0) return [];
  const text = joinPieces(pieces);
  const found = await scanContent(scan.ruleSet, path, Buffer.from(text), scan.options, '', applicable);
  return placeFindings(pieces, text, found);
}

/** A binary's printable runs, scanned as one text; findings at `path@0x<offset>`, without a line. */
async function scanStrings(scan: InsideScan, path: string, bytes: Uint8Array, applicable: PathRules): Promise<FileFinding[]> {
  scan.tally.binaries++;
  const strings = printableStrings(bytes);
  if (strings.starts.length === 0) return [];
  const found = await scanContent(scan.ruleSet, path, strings.text, scan.options, '', applicable);
  if (found.length === 0) return found;
  const lines = lineStarts(strings.text);
  return found.map(({ line, column, ...finding }) => {
    if (line === undefined) return finding;
    const offset = offsetOf(strings, lines[line - 1]! + column! - 1);
    return { ...finding, path: `${path}@0x${offset.toString(16)}` };
  });
}

/** A cell as pieces: text as it is; a blob as text if it is text, else its printable runs (columns are then byte positions). */
function cellPieces(cell: Cell, path: string): Piece[] {
  const place = `${path}!${cell.table}.${cell.column}`;
  if (typeof cell.value === 'string') return [{ text: cell.value, path: place, row: cell.row }];
  const encoding = detectEncoding(cell.value);
  if (encoding !== 'binary') return [{ text: decodeText(cell.value, encoding), path: place, row: cell.row }];
  return printableRuns(cell.value).map((run) => ({ text: run.text, path: place, row: cell.row, offset: run.offset, width: run.width }));
}

/** Every table's cells, a group at a time; findings at `path!table.column`, the row as line. */
async function scanDatabase(scan: InsideScan, path: string, bytes: Uint8Array, applicable: PathRules): Promise<FileFinding[]> {
  const cells = scan.readDatabase?.(bytes, scan.limits.maxRows);
  if (!cells) {
    scan.skips.push({ path, reason: 'unsupported-format', detail: 'a SQLite database this Node version cannot open (node:sqlite, and deserialize for one inside an archive or history: Node 24)' });
    return [];
  }
  scan.tally.databases++;
  const findings: FileFinding[] = [];
  let pieces: Piece[] = [];
  let chars = 0;
  const flush = async () => {
    findings.push(...(await scanPieces(scan, path, pieces, applicable)));
    pieces = [];
    chars = 0;
  };
  try {
    for (const cell of cells) {
      for (const piece of cellPieces(cell, path)) {
        pieces.push(piece);
        chars += piece.text.length;
      }
      if (chars >= GROUP_CHARS) await flush();
    }
  } catch (error) {
    const reason = error instanceof ArchiveLimit ? 'archive-limit' : error instanceof UnsupportedFormat ? 'unsupported-format' : 'corrupt';
    scan.skips.push({ path, reason, detail: `SQLite: ${(error as Error).message}` });
  }
  await flush();
  return findings;
}

/** An archive's entries. Its reader is loaded with the first archive of its kind: most scans (a commit's) meet none. */
async function* entriesOf(scan: InsideScan, format: Format, path: string, bytes: Uint8Array): Entries {
  const { limits, budget } = scan;
  switch (format) {
    case 'zip':
      return yield* (await import('./zip.js')).zipEntries(bytes, limits, budget);
    case 'tar': {
      const [{ tarEntries }, { ChunkReader }] = await Promise.all([import('./tar.js'), import('./chunk-reader.js')]);
      return yield* tarEntries(new ChunkReader((async function* () { yield bytes; })()), limits);
    }
    case 'asar':
      return yield* (await import('./asar.js')).asarEntries(bytes, limits);
    default:
      return yield* (await import('./compressed.js')).compressedEntries(bytes, format as 'gzip' | 'zstd', path, limits, budget);
  }
}

/** An archive's entries, each scanned like a file: path rules on its inner path, then its bytes. */
async function scanArchive(scan: InsideScan, format: Format, path: string, bytes: Uint8Array, depth: number): Promise<FileFinding[]> {
  if (depth >= scan.limits.maxDepth) {
    scan.skips.push({ path, reason: 'archive-limit', detail: `an archive nested more than ${scan.limits.maxDepth} levels deep` });
    return [];
  }
  scan.tally.archives++;
  const findings: FileFinding[] = [];
  // Unreadable entries are listed once per archive and reason (a count and the first few), not once each.
  const unread = new Map<SkipReason, { count: number; first: string[] }>();
  try {
    for await (const entry of entriesOf(scan, format, path, bytes)) {
      if (--scan.budget.entries < 0) throw new ArchiveLimit(`more than ${scan.limits.maxEntries} entries`);
      if ('skip' in entry) {
        const noted = unread.get(entry.skip) ?? { count: 0, first: [] };
        unread.set(entry.skip, noted);
        if (noted.count++ < 3) noted.first.push(`${entry.name} (${entry.detail})`);
        continue;
      }
      scan.tally.entries++;
      const inner = `${path}!${entry.name}`;
      const applicable = rulesForPath(scan.ruleSet, entry.name);
      findings.push(...matchPath(scan.ruleSet, inner, '', applicable), ...(await scanInside(scan, inner, entry.bytes, depth + 1, applicable)));
    }
  } catch (error) {
    if (error instanceof UnsupportedFormat) scan.skips.push({ path, reason: 'unsupported-format', detail: error.message });
    else if (error instanceof ArchiveLimit) scan.skips.push({ path, reason: 'archive-limit', detail: `read no further: ${error.message}` });
    else if (error instanceof CorruptArchive) scan.skips.push({ path, reason: 'corrupt', detail: `cannot be read: ${error.message}` });
    else throw error;
  }
  for (const [reason, { count, first }] of unread) {
    const listed = first.join(', ') + (count > first.length ? ` and ${count - first.length} more` : '');
    scan.skips.push({ path, reason, detail: `${count} ${count === 1 ? 'entry' : 'entries'} not read: ${listed}` });
  }
  return findings;
}

/** A loose object or a pack file of a git object database (`.git/objects/ab/cdef…`, `objects/pack/pack-….pack`). */
const GIT_OBJECT_FILE = /(?:^|\/)objects\/(?:pack\/pack-[0-9a-f]{40,64}\.(?:pack|idx|rev|bitmap|mtimes)|[0-9a-f]{2}\/[0-9a-f]{38,62})$/;

/**
 * Findings in bytes at `path`, whatever they hold: text is matched; archives are opened and
 * their entries scanned (up to the depth limit); databases are read cell by cell; other
 * binaries are read as printable strings; media are counted; formats nothing here reads are
 * listed as skipped.
 */
export async function scanInside(scan: InsideScan, path: string, bytes: Uint8Array, depth: number, applicable: PathRules): Promise<FileFinding[]> {
  const format = formatOf(bytes);
  if (format === 'sqlite') return scanDatabase(scan, path, bytes, applicable);
  if (isContainer(format)) return scanArchive(scan, format, path, bytes, depth);
  if (detectEncoding(bytes) !== 'binary') return scanContent(scan.ruleSet, path, bytes, scan.options, '', applicable);
  if (format === 'media') {
    scan.tally.media++;
    return [];
  }
  if (format === 'unsupported') {
    scan.skips.push({ path, reason: 'unsupported-format', detail: `${unsupportedKind(bytes)} data, which airlock cannot decompress` });
    return [];
  }
  // git's object store is compressed: its printable runs are noise, and the history scan reads
  // every blob in it decompressed (or, with --no-history, the plan leaves the .git out).
  if (depth === 0 && GIT_OBJECT_FILE.test(path)) return [];
  return scanStrings(scan, path, bytes, applicable);
}
