import type { AcceptedFinding, PlanChoice, UserDecisions } from '../model/decisions.js';
import type { Finding, Suppressed } from '../model/finding.js';
import type { ScanResult } from '../model/result.js';
import { decideVerdict } from './decide.js';

/** Whether an absolute path is a root or lies under it. */
export const isUnder = (path: string, root: string): boolean => path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`);

/** The absolute path of the walked file that holds a finding (the archive, not the entry in it). */
export const fileOfFinding = (f: Pick<Finding, 'root' | 'path' | 'file'>): string => `${f.root.replace(/\/$/, '')}/${f.file ?? f.path}`;

/**
 * The user's decisions applied to a finished scan, pure: the same step for `airlock scan` and
 * for the TUI, which applies it again after each key. Accepted findings (by fingerprint, the
 * merged finding with every place it was seen) move to `suppressed` with the allowlist file as
 * their source, and the verdict is decided again; the plan choices for files under the roots
 * go with the result to the planner (`planChoices`).
 */
export function applyDecisions(result: ScanResult, decisions: UserDecisions): ScanResult {
  const accepted = new Set(decisions.accepted.map((a) => a.fingerprint));
  const findings: Finding[] = [];
  const suppressed: Suppressed[] = [];
  for (const f of result.findings) {
    if (!accepted.has(f.fingerprint)) {
      findings.push(f);
      continue;
    }
    for (const place of [f, ...(f.locations ?? [])]) {
      suppressed.push({ fingerprint: f.fingerprint, path: place.path, by: decisions.allowlistFile, root: place.root, ruleId: place.ruleId, severity: f.severity, ...(place.line ? { line: place.line } : {}) });
    }
  }
  const choices = decisions.choices.filter((c) => result.roots.some((root) => isUnder(c.path, root)));
  const notices = [...result.notices];
  if (choices.length > 0) {
    const count = (kind: PlanChoice['choice']) => choices.filter((c) => c.choice === kind).length;
    notices.push(`plan choices from ${decisions.planChoicesFile}: ${count('keep')} kept in the plan, ${count('leave-out')} left out`);
  }
  return {
    ...result,
    findings,
    suppressed: [...result.suppressed, ...suppressed],
    verdict: decideVerdict(findings, result.isComplete),
    notices,
    ...(choices.length > 0 ? { planChoices: choices } : {}),
  };
}

/** What changed between two sets of decisions, to apply to the files as they are on disk now. */
export interface DecisionChanges {
  accept: AcceptedFinding[];
  unaccept: Set<string>;
  choose: PlanChoice[];
  unchoose: Set<string>;
}

type Decided = Pick<UserDecisions, 'accepted' | 'choices'>;

const sameChoice = (a: PlanChoice, b: PlanChoice) => a.choice === b.choice && a.fingerprints.join(',') === b.fingerprints.join(',');

export function decisionChanges(before: Decided, after: Decided): DecisionChanges {
  const had = new Set(before.accepted.map((a) => a.fingerprint));
  const has = new Set(after.accepted.map((a) => a.fingerprint));
  const beforeChoices = new Map(before.choices.map((c) => [c.path, c]));
  const afterChoices = new Map(after.choices.map((c) => [c.path, c]));
  return {
    accept: after.accepted.filter((a) => !had.has(a.fingerprint)),
    unaccept: new Set([...had].filter((fp) => !has.has(fp))),
    choose: after.choices.filter((c) => !beforeChoices.has(c.path) || !sameChoice(beforeChoices.get(c.path)!, c)),
    unchoose: new Set([...beforeChoices.keys()].filter((path) => !afterChoices.has(path))),
  };
}

export const hasChanges = (c: DecisionChanges): boolean => c.accept.length + c.unaccept.size + c.choose.length + c.unchoose.size > 0;
