import { fingerprint } from '../engine/mask.js';
import { CATEGORY_REMEDIATION } from '../model/categories.js';
import { byPlace, order, type FileFinding, type Finding, type FindingSource, type Skipped } from '../model/finding.js';
import type { Collected } from '../verdict/suppress.js';

/** Puts a file's finding in contract order, with its root and source. */
export function toFinding(f: FileFinding, root: string, source: FindingSource, commit?: string): Finding {
  const { ruleId, category, severity, path, line, column, secret, fingerprint: print, message, remediation, file } = f;
  return { ruleId, category, severity, root, path, line, column, source, commit, secret, fingerprint: print, message, remediation, ...(file ? { file } : {}) };
}

/** A file's finding as collected: the contract's finding plus what suppression and merging need. */
export function collect(f: FileFinding, root: string, source: FindingSource): Collected {
  return { finding: toFinding(f, root, source), allowComment: f.allowComment, secretId: f.secretId, isSpecific: f.isSpecific };
}

export function symlinkEscapeFinding(root: string, path: string, target: string): Finding {
  return {
    ruleId: 'symlink-escape',
    category: 'symlink-escape',
    severity: 'review',
    root,
    path,
    source: 'file',
    fingerprint: fingerprint('symlink-escape', `path:${path}`),
    message: `Link leaves the folder: it points to ${target}. Mounted into a container or VM it resolves inside the sandbox (to the sandbox's own file of that name, or to nothing); a tool that runs on this machine (Claude Code's permission rules) would follow it to this machine's file`,
    remediation: CATEGORY_REMEDIATION['symlink-escape'],
  };
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(byPlace);
}

/**
 * Files not read, by root and path (then reason and detail), whatever order the threads
 * reported them in: the same scan lists them alike every time.
 */
export function sortSkipped(skipped: Skipped[]): Skipped[] {
  return skipped.sort((a, b) => order(a.root, b.root) || order(a.path, b.path) || order(a.reason, b.reason) || order(a.detail, b.detail));
}
