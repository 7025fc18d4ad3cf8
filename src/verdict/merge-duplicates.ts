import type { Category } from '../model/categories.js';
import { byPlace, order, type Finding, type FindingSource } from '../model/finding.js';
import { SEVERITY_RANK } from '../model/severity.js';
import type { Collected } from './suppress.js';

/** When several rules find one secret, the most specific one speaks for it. */
const SPECIFICITY = {
  'private-key': 3,
  token: 3,
  'agent-credential': 3,
  'credential-file': 2,
  keystore: 2,
  password: 1,
  'env-file': 1,
  'shell-history': 1,
  'git-history': 1,
  pii: 0,
  proprietary: 0,
  'data-dump': 0,
  'symlink-escape': 0,
} as const satisfies Record<Category, number>;

const SOURCE_ORDER = { file: 0, staged: 1, 'git-history': 2 } as const satisfies Record<FindingSource, number>;

/** Path order, then rule, source and commit: how equal findings of one secret are told apart, whatever order they were collected in. */
const inPlaceOrder = (a: Finding, b: Finding): number =>
  byPlace(a, b) || order(a.ruleId, b.ruleId) || order(a.source, b.source) || order(a.commit ?? '', b.commit ?? '');

/**
 * Severity first; then a provider's own rule over a generic one; then the category; then files
 * over history; then the first in `inPlaceOrder`, so the finding that speaks (and its
 * fingerprint, which decisions are keyed by) does not depend on the order files were read in.
 */
function outranks(a: Collected, b: Collected): boolean {
  const rank =
    SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] ||
    Number(a.isSpecific ?? false) - Number(b.isSpecific ?? false) ||
    SPECIFICITY[a.finding.category] - SPECIFICITY[b.finding.category] ||
    SOURCE_ORDER[b.finding.source] - SOURCE_ORDER[a.finding.source];
  return rank !== 0 ? rank > 0 : inPlaceOrder(a.finding, b.finding) < 0;
}

/**
 * The same secret found by several rules, in several files, or in history is one finding:
 * the most severe and specific one, with every other place listed in `locations`, in `inPlaceOrder`.
 */
export function mergeDuplicates(collected: Collected[]): Finding[] {
  const groups = new Map<string, Collected[]>();
  const single: Finding[] = [];
  for (const entry of collected) {
    if (!entry.secretId) single.push(entry.finding);
    else {
      const group = groups.get(entry.secretId);
      if (group) group.push(entry);
      else groups.set(entry.secretId, [entry]);
    }
  }
  const merged = [...groups.values()].map((group) => {
    const best = group.reduce((top, entry) => (outranks(entry, top) ? entry : top));
    const primary = best.finding;
    // Not in the order files were read, which worker threads change from run to run.
    const others = group
      .filter((entry) => entry !== best)
      .map((entry) => entry.finding)
      .sort(inPlaceOrder);
    if (others.length === 0) return primary;
    return {
      ...primary,
      locations: others.map(({ ruleId, root, path, line, column, source, commit, file }) => ({ ruleId, root, path, line, column, source, commit, ...(file ? { file } : {}) })),
    };
  });
  return [...single, ...merged];
}
