import { SKIP_REASONS, type Finding, type Skipped } from '../model/finding.js';
import type { ScanResult } from '../model/result.js';
import { CAUSE_PRIORITY, EXCLUSION_CAUSES, type ExclusionCause, type Flag } from './causes.js';

export interface FlagOptions {
  /** Keep files whose findings are all review-level (`--accept review`). */
  acceptReview: boolean;
}

/** root → root-relative POSIX path ('' for the root itself) → why it must stay out. */
export type FlagsByRoot = Map<string, Map<string, Flag>>;

export const FRESH_CLONE_ADVICE = 'mount a fresh clone without history (git clone --depth 1) or use `airlock stage`';

const counts = (finding: Finding, options: FlagOptions) =>
  finding.severity === 'block' || (finding.severity === 'review' && !options.acceptReview);

const historyKey = (f: Finding) => `${f.root}\0${f.path}\0${f.ruleId}\0${f.fingerprint}\0${f.commit ?? ''}`;

const listRules = (findings: Finding[]) => {
  const ids = [...new Set(findings.map((f) => f.ruleId))];
  return ids.length > 3 ? `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more` : ids.join(', ');
};

function add(flags: FlagsByRoot, root: string, path: string, cause: ExclusionCause, detail: string): void {
  const inRoot = flags.get(root) ?? new Map<string, Flag>();
  flags.set(root, inRoot);
  const current = inRoot.get(path);
  if (current && CAUSE_PRIORITY.indexOf(current.cause) <= CAUSE_PRIORITY.indexOf(cause)) return;
  inRoot.set(path, { cause, reason: `${EXCLUSION_CAUSES[cause].label}: ${detail}` });
}

const normalize = (path: string) => (path === '.' ? '' : path);

function flagFiles(result: ScanResult, options: FlagOptions, flags: FlagsByRoot): void {
  const byPath = new Map<string, Finding[]>();
  for (const f of result.findings) {
    if (f.source !== 'file' || !counts(f, options)) continue;
    const key = `${f.root}\0${f.path}`;
    byPath.set(key, [...(byPath.get(key) ?? []), f]);
  }
  for (const found of byPath.values()) {
    const isBlocking = found.some((f) => f.severity === 'block');
    add(flags, found[0]!.root, found[0]!.path, isBlocking ? 'block' : 'review', listRules(found));
  }
}

/**
 * A git directory whose history holds a counted finding is flagged whole, as is one whose
 * history was not (fully) read. A history finding no git directory accounts for flags its whole
 * root: failing closed is the only safe reading.
 */
function flagHistories(result: ScanResult, options: FlagOptions, flags: FlagsByRoot): void {
  const live = new Map(result.findings.filter((f) => f.source === 'git-history' && counts(f, options)).map((f) => [historyKey(f), f]));
  for (const directory of result.gitDirectories ?? []) {
    const found = directory.findings.filter((f) => live.has(historyKey(f)));
    for (const f of directory.findings) live.delete(historyKey(f));
    if (found.length > 0) {
      const level = found.some((f) => f.severity === 'block') ? 'a blocking finding' : 'a finding to review';
      const commit = found.find((f) => f.commit)?.commit;
      const where = commit ? `, first in commit ${commit.slice(0, 10)}` : '';
      add(flags, directory.root, directory.path, found.some((f) => f.severity === 'block') ? 'history' : 'review',
        `${level} in history (${listRules(found)}${where}); ${FRESH_CLONE_ADVICE}`);
    } else if (directory.history !== 'scanned') {
      const why = directory.history === 'incomplete' ? 'git history only partly read (objects too large or unreadable)' : 'git history not read (--no-history, or git missing)';
      add(flags, directory.root, directory.path, 'unscanned', `${why}; ${FRESH_CLONE_ADVICE}`);
    }
  }
  for (const orphan of live.values()) {
    add(flags, orphan.root, '', 'history', `history finding (${orphan.ruleId}) from a git directory the scan did not report`);
  }
}

function flagUnread(result: ScanResult, flags: FlagsByRoot): void {
  const fromHistory = new Set<Skipped>((result.gitDirectories ?? []).flatMap((d) => d.skipped));
  for (const s of result.skipped) {
    if (fromHistory.has(s)) continue;
    if (s.reason === 'not-regular-file') add(flags, s.root, normalize(s.path), 'special', s.detail);
    else if (SKIP_REASONS[s.reason].isIncomplete) add(flags, s.root, normalize(s.path), 'unscanned', `${s.reason} (${s.detail})`);
  }
  for (const e of result.excludedPaths ?? []) add(flags, e.root, normalize(e.path), 'unscanned', `kept out of the scan by ${e.by}`);
}

/** Every path of a scan that no mount may contain, with the reason. Pure. */
export function flagPaths(result: ScanResult, options: FlagOptions): FlagsByRoot {
  const flags: FlagsByRoot = new Map(result.roots.map((root) => [root, new Map<string, Flag>()]));
  flagFiles(result, options, flags);
  flagHistories(result, options, flags);
  flagUnread(result, flags);
  return flags;
}
