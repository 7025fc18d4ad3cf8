import type { Finding, Suppressed } from '../model/finding.js';

/** A finding as collected, with what suppression and merging need but the output never shows. */
export interface Collected {
  finding: Finding;
  allowComment?: string;
  secretId?: string;
  /** Found by a provider-specific rule: it speaks for the secret over a generic one. */
  isSpecific?: boolean;
}

/** A list of accepted fingerprints and where it came from. */
export interface Allowlist {
  /** Shown as the source of every suppression it makes: the file's path. */
  by: string;
  fingerprints: ReadonlySet<string>;
  /** Set for an allowlist found inside a scanned folder: it applies to that root only. */
  root?: string;
}

export interface SuppressionPolicy {
  allowlists: Allowlist[];
  /** `--no-folder-config`: allowlists and allow comments inside scanned folders are not obeyed. */
  refuseFolderConfig: boolean;
}

export interface SuppressionOutcome {
  kept: Collected[];
  suppressed: Suppressed[];
  /** Suppressions refused under `--no-folder-config`, by source, so the user can be told. */
  refused: Map<string, number>;
}

const ALLOW_COMMENT_SOURCE = (marker: string) => `inline comment (${marker})`;

/**
 * Splits findings into kept and suppressed. Nothing disappears: every suppressed finding is
 * listed with its source, and a refused suppression is counted.
 */
export function applySuppressions(collected: Collected[], policy: SuppressionPolicy): SuppressionOutcome {
  const kept: Collected[] = [];
  const suppressed: Suppressed[] = [];
  const refused = new Map<string, number>();
  for (const entry of collected) {
    const { finding } = entry;
    const sources = [
      ...(entry.allowComment ? [{ by: ALLOW_COMMENT_SOURCE(entry.allowComment), isFolderLevel: true }] : []),
      ...policy.allowlists
        .filter((list) => list.fingerprints.has(finding.fingerprint) && (!list.root || list.root === finding.root))
        .map((list) => ({ by: list.by, isFolderLevel: list.root !== undefined })),
    ];
    const obeyed = sources.find((s) => !s.isFolderLevel || !policy.refuseFolderConfig);
    if (!obeyed) {
      for (const s of sources) refused.set(s.by, (refused.get(s.by) ?? 0) + 1);
      kept.push(entry);
      continue;
    }
    const { fingerprint, path, root, ruleId, severity, line } = finding;
    suppressed.push({ fingerprint, path, by: obeyed.by, root, ruleId, severity, ...(line ? { line } : {}) });
  }
  return { kept, suppressed, refused };
}
