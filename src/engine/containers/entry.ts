import type { SkipReason } from '../../model/finding.js';

/** One member of an archive: its bytes, or why they cannot be read. */
export type Entry = { name: string; bytes: Uint8Array } | { name: string; skip: SkipReason; detail: string };

/** An archive as a sequence of entries, read one at a time (none is kept once the next is asked for). */
export type Entries = AsyncIterable<Entry>;

/** The error a reader throws when the archive's structure is broken; becomes `corrupt`. */
export class CorruptArchive extends Error {}

/** The error a reader throws when a bound is reached; becomes `archive-limit`. */
export class ArchiveLimit extends Error {}

/** The error a reader throws when this Node version lacks what the format needs; becomes `unsupported-format`. */
export class UnsupportedFormat extends Error {}
