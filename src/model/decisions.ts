/**
 * The decisions a user makes about findings (in the TUI, or by editing the files), kept in the
 * user's config folder, never in a scanned folder: which findings are accepted (an allowlist in
 * `.airlockallow`'s format) and which files with findings the mount plan keeps or leaves out.
 * They hold fingerprints, rule ids, paths and dates, never a secret.
 */

/** An accepted finding: its fingerprint, and what the line's comment says about it. */
export interface AcceptedFinding {
  fingerprint: string;
  /** The comment after the fingerprint (`github-pat "app/.env":3 accepted 2026-12-06`), as read. */
  note?: string;
}

export const PLAN_CHOICES = {
  keep: { help: 'kept in the mount plan although it has findings to review' },
  'leave-out': { help: 'left out of the mount plan' },
} as const satisfies Record<string, { help: string }>;
export type PlanChoiceKind = keyof typeof PLAN_CHOICES;

/** A choice about one file (absolute path) for the mount plan. */
export interface PlanChoice {
  path: string;
  choice: PlanChoiceKind;
  /**
   * For `keep`: the fingerprints of the review findings the user saw. A finding the file gains
   * later is not covered: the file is left out again until it is reviewed.
   */
  fingerprints: readonly string[];
  /** When the choice was made (YYYY-MM-DD), if known. */
  date?: string;
}

/** Everything the user decided, and the two files it lives in. */
export interface UserDecisions {
  /** The allowlist file: the source named for every suppression it makes. */
  allowlistFile: string;
  planChoicesFile: string;
  accepted: readonly AcceptedFinding[];
  choices: readonly PlanChoice[];
}
