import { SKIP_REASONS, type Finding, type Skipped } from '../model/finding.js';
import type { ScanResult } from '../model/result.js';
import { CAUSE_PRIORITY, EXCLUSION_CAUSES, type ExclusionCause, type Flag } from './causes.js';

export interface FlagOptions {
  /** Keep files whose findings are all review-level (`--accept review`). */
  acceptReview: boolean;
}

/** With the files the user chose to keep (absolute path → fingerprints of the review findings seen), from `result.planChoices`. */
interface Options extends FlagOptions {
  kept: ReadonlyMap<string, readonly string[]>;
}

/** root → root-relative POSIX path ('' for the root itself) → why it must stay out. */
export type FlagsByRoot = Map<string, Map<string, Flag>>;

export const FRESH_CLONE_ADVICE = 'mount a fresh clone without history (git clone --depth 1) or use `airlock stage`';

/** One place a secret was seen: a finding itself, or one of its other locations (at the finding's severity: it is the same secret). */
type Place = Pick<Finding, 'ruleId' | 'root' | 'path' | 'line' | 'column' | 'source' | 'commit' | 'severity' | 'file' | 'fingerprint'>;

const placesOf = (findings: readonly Finding[]): Place[] =>
  findings.flatMap((f) => [f, ...(f.locations ?? []).map((location) => ({ ...location, severity: f.severity, fingerprint: f.fingerprint }))]);

/** A review finding in a file the user chose to keep, having seen that finding (`ScanResult.planChoices`). */
const isKept = (place: Place, options: Options) =>
  place.source === 'file' && options.kept.get(`${place.root.replace(/\/$/, '')}/${place.file ?? place.path}`)?.includes(place.fingerprint) === true;

const counts = (place: Place, options: Options) =>
  place.severity === 'block' || (place.severity === 'review' && !options.acceptReview && !isKept(place, options));

const placeKey = (p: Place) => `${p.root}\0${p.path}\0${p.ruleId}\0${p.commit ?? ''}\0${p.line ?? ''}\0${p.column ?? ''}`;

const listPaths = (findings: Place[]) => {
  const paths = [...new Set(findings.map((f) => f.path))];
  return paths.length > 3 ? `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more` : paths.join(', ');
};

const listRules = (findings: Place[]) => {
  const ids = [...new Set(findings.map((f) => f.ruleId))];
  return ids.length > 3 ? `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more` : ids.join(', ');
};

function add(flags: FlagsByRoot, root: string, path: string, cause: ExclusionCause, detail: string): void {
  const inRoot = flags.get(root) ?? new Map<string, Flag>();
  flags.set(root, inRoot);
  const current = inRoot.get(path);
  if (current && CAUSE_PRIORITY.indexOf(current.cause) <= CAUSE_PRIORITY.indexOf(cause)) return;
  inRoot.set(path, { cause, reason: detail ? `${EXCLUSION_CAUSES[cause].label}: ${detail}` : EXCLUSION_CAUSES[cause].label });
}

const normalize = (path: string) => (path === '.' ? '' : path);

function flagFiles(places: Place[], options: Options, flags: FlagsByRoot): void {
  const byPath = new Map<string, Place[]>();
  for (const f of places) {
    if (f.source !== 'file' || !counts(f, options)) continue;
    // A finding inside a file (an archive entry, a database cell) flags the file that holds it.
    const key = `${f.root}\0${f.file ?? f.path}`;
    byPath.set(key, [...(byPath.get(key) ?? []), f]);
  }
  for (const found of byPath.values()) {
    const isBlocking = found.some((f) => f.severity === 'block');
    const worstFirst = [...found.filter((f) => f.severity === 'block'), ...found.filter((f) => f.severity !== 'block')];
    add(flags, found[0]!.root, found[0]!.file ?? found[0]!.path, isBlocking ? 'block' : 'review', listRules(worstFirst));
  }
}

/**
 * A finding counts at every place it was seen: merged duplicates keep the other files and the
 * history copies of the same secret in `locations`. A git directory is flagged whole when its history holds a counted finding, when a tracked
 * file with a counted finding sits unmodified in its work tree (the object database holds that
 * content too), or when its history was not (fully) read. A history finding no git directory
 * accounts for flags its whole root: failing closed is the only safe reading.
 */
function flagHistories(result: ScanResult, places: Place[], options: Options, flags: FlagsByRoot): void {
  const live = new Map(places.filter((p) => p.source === 'git-history' && counts(p, options)).map((p) => [placeKey(p), p]));
  for (const directory of result.gitDirectories ?? []) {
    const inHistory = directory.findings.filter((f) => live.has(placeKey(f))).map((f) => live.get(placeKey(f))!);
    for (const f of directory.findings) live.delete(placeKey(f));
    const tracked = new Set(directory.tracked);
    const committed = places.filter((p) => p.source === 'file' && p.root === directory.root && tracked.has(p.file ?? p.path) && counts(p, options));
    const found = [...inHistory, ...committed];
    if (found.length > 0) {
      const isBlocking = found.some((f) => f.severity === 'block');
      const commit = inHistory.find((f) => f.commit)?.commit;
      const what = [
        ...(inHistory.length > 0 ? [`${listRules(inHistory)} in its history${commit ? ` (first in commit ${commit.slice(0, 10)})` : ''}`] : []),
        ...(committed.length > 0 ? [`committed copies of ${listPaths(committed)}`] : []),
      ];
      add(flags, directory.root, directory.path, isBlocking ? 'history' : 'review', `${what.join('; ')}; ${FRESH_CLONE_ADVICE}`);
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
    if (s.reason === 'not-regular-file') add(flags, s.root, normalize(s.path), 'special', '');
    else if (SKIP_REASONS[s.reason].isIncomplete) add(flags, s.root, normalize(s.file ?? s.path), 'unscanned', `${s.reason} (${s.file ? `${s.path}: ` : ''}${s.detail})`);
  }
  for (const e of result.excludedPaths ?? []) add(flags, e.root, normalize(e.path), 'unscanned', `kept out of the scan by ${e.by}`);
}

/** Every path of a scan that no mount may contain, with the reason. Pure. */
export function flagPaths(result: ScanResult, flagOptions: FlagOptions): FlagsByRoot {
  const flags: FlagsByRoot = new Map(result.roots.map((root) => [root, new Map<string, Flag>()]));
  const choices = result.planChoices ?? [];
  const options: Options = { ...flagOptions, kept: new Map(choices.filter((c) => c.choice === 'keep').map((c) => [c.path, c.fingerprints])) };
  for (const c of choices.filter((c) => c.choice === 'leave-out')) {
    for (const root of result.roots.filter((r) => c.path.startsWith(`${r.replace(/\/$/, '')}/`))) add(flags, root, c.path.slice(root.replace(/\/$/, '').length + 1), 'chosen', '');
  }
  const places = placesOf(result.findings);
  flagFiles(places, options, flags);
  flagHistories(result, places, options, flags);
  flagUnread(result, flags);
  return flags;
}
