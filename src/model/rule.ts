import type { Category } from './categories.js';
import type { Severity } from './severity.js';

/**
 * Characters every match of a rule has at fixed places from its start: `text`, the longest run
 * of them (searched for), at `offset`, and the others as [offset, character code], checked at
 * each place found.
 */
export interface Anchor {
  text: string;
  offset: number;
  others: [offset: number, code: number][];
}

export interface ContentMatcher {
  /** Global regex with a named `secret` group. */
  regex: RegExp;
  /**
   * Lower-case literals; a file without one of them never runs `regex`. Empty only for a rule
   * gated by path, which then runs on every file its path selects.
   */
  keywords: string[];
  minEntropy: number;
  /** The least randomness (BPE tokens per character) the secret must show; 0 = not checked. */
  minRandomness: number;
  allow: RegExp[];
  /** All must occur in the file for the rule to run (`requires`). */
  requires: RegExp[];
  /** Checks the secret's own structure, e.g. a checksum; false drops the match. */
  verify?: (secret: string) => boolean;
  /**
   * Whether `verify` is a data validator that judges values whole (a card number, a table's
   * header): placeholder words, made for tokens, are then not applied (`<t>` cells are no placeholder).
   */
  isJudgedByVerifier?: boolean;
  /** Whether `verify` is a token's checksum (CRC32): a value failing it is reported as INFO, not dropped silently. */
  isChecksum?: boolean;
  /** Report the file once when it holds at least this many distinct values (`min_count`); unset: every match. */
  minCount?: number;
  /**
   * Set when every match of this rule begins with one of its keywords, at a known distance:
   * for each keyword, how far before an occurrence of it a match can start. The rule is then
   * tried only at those places (`sticky`), not on every character of the text. Worked out from
   * the pattern's leading literals and confirmed on the rule's examples, the first time it is
   * asked for (a git hook that runs a handful of rules pays for no others); for a shipped rule
   * read from the rules cache, which keeps no examples, taken from the cache's table instead.
   */
  startOffsets: () => ReadonlyMap<string, readonly number[]> | undefined;
  /**
   * Where a match can begin in a text, found by a pass of its own (`content.starts`, one of
   * `START_FINDERS`): every such place, ascending. The rule is then tried only there.
   */
  findStarts?: (text: string) => number[];
  /** Where a rule that cannot be tried at its keywords can still be tried only where its fixed characters stand. */
  anchor?: () => Anchor | undefined;
  /** The same pattern, sticky (`y`): tried at one position only. */
  sticky: () => RegExp;
}

/** A rule ready to run: regexes built, globs compiled. Pure data plus pure functions. */
export interface CompiledRule {
  id: string;
  name: string;
  category: Category;
  severity: Severity;
  /** The severity in a file whose purpose is configuration, when it differs (`severity_in_config`). */
  severityInConfig?: Severity;
  description: string;
  remediation: string;
  /** Who issues the credential; absent for generic rules (.env, context rules). */
  provider?: string;
  /** Decides from the relative path alone whether the rule applies to a file. */
  matchesPath?: (relativePath: string) => boolean;
  /** The include globs behind `matchesPath`, from which the rule set builds its path gate. */
  pathGlobs?: readonly string[];
  /** Its exclude globs (in lower case too when caseless). */
  pathExcludeGlobs?: readonly string[];
  /** The globs are in lower case and matched against the lower-cased path (`ignore_case`). */
  isPathCaseless?: boolean;
  content?: ContentMatcher;
}
