import type { Category } from './categories.js';
import type { Severity } from './severity.js';

export const FINDING_SOURCES = ['file', 'git-history', 'staged'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];

/** One exposure, as the JSON contract describes it. `secret` is always masked unless asked. */
export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  root: string;
  path: string;
  line?: number;
  column?: number;
  source: FindingSource;
  commit?: string;
  secret?: string;
  fingerprint: string;
  message: string;
  remediation: string;
  /** Other places the same secret was found (other files, rules or history), when there are any. */
  locations?: FindingLocation[];
  /**
   * The walked file that holds the finding, when `path` names a place inside it: an archive
   * entry (`a.zip!dir/.env`), a database cell (`state.vscdb!ItemTable.value`) or a binary's
   * string (`lib.so@0x1f40`). The mount plan leaves this file out.
   */
  file?: string;
}

/** Another place a finding's secret was found: where, how, and by which rule. */
export type FindingLocation = Pick<Finding, 'ruleId' | 'root' | 'path' | 'line' | 'column' | 'source' | 'commit' | 'file'>;

/** A finding before it is attached to a root: what the engine sees from one file's content. */
export interface FileFinding extends Omit<Finding, 'root' | 'source' | 'commit' | 'locations'> {
  /** The inline allow comment on the finding's line (`airlock:allow`…), if there is one. */
  allowComment?: string;
  /** A hash of the secret alone, shared by every rule and file that found it; never output. */
  secretId?: string;
  /** Whether a provider-specific rule found it (not a generic one); never output. */
  isSpecific?: boolean;
}

export const SKIP_REASONS = {
  'too-large': { isIncomplete: true },
  unreadable: { isIncomplete: true },
  'not-regular-file': { isIncomplete: false },
  vanished: { isIncomplete: true },
  'match-error': { isIncomplete: true },
  /** Matching ran past the per-file time budget (--file-timeout) and was stopped. */
  timeout: { isIncomplete: true },
  /** An archive or database past a bound: nesting depth, entries, expanded bytes, compression ratio (a zip bomb), rows. */
  'archive-limit': { isIncomplete: true },
  /** An encrypted archive entry: its content cannot be read. */
  encrypted: { isIncomplete: true },
  /** A compressed or archived format (bzip2, xz, 7z, rar, a zip method) that airlock cannot read. */
  'unsupported-format': { isIncomplete: true },
  /** An archive or database whose structure is broken. */
  corrupt: { isIncomplete: true },
} as const satisfies Record<string, { isIncomplete: boolean }>;

export type SkipReason = keyof typeof SKIP_REASONS;

export interface Skipped {
  root: string;
  path: string;
  reason: SkipReason;
  detail: string;
  /** The walked file, when `path` names something inside it (an archive entry, a nested archive). */
  file?: string;
}

/** A finding an allowlist or an inline comment quieted: always reported, with its source. */
export interface Suppressed {
  fingerprint: string;
  path: string;
  by: string;
  root: string;
  ruleId: string;
  severity: Finding['severity'];
  line?: number;
}

/** Entries (files, or folders not descended into) kept out on purpose, counted per source. */
export interface Exclusion {
  root: string;
  by: string;
  entries: number;
}

/** Strings in code-unit order (the same on every machine, unlike localeCompare). */
export const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Findings in path order: root, path, line, column. */
export const byPlace = (a: Finding, b: Finding): number =>
  order(a.root, b.root) || order(a.path, b.path) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
