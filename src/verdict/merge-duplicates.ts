import type { Category } from '../model/categories.js';
import type { Finding, FindingSource } from '../model/finding.js';
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

function outranks(a: Finding, b: Finding): boolean {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    SPECIFICITY[a.category] - SPECIFICITY[b.category] ||
    SOURCE_ORDER[b.source] - SOURCE_ORDER[a.source]
  ) > 0;
}

/**
 * The same secret found by several rules, in several files, or in history is one finding:
 * the most severe and specific one, with every other place listed in `locations`.
 */
export function mergeDuplicates(collected: Collected[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  const single: Finding[] = [];
  for (const { finding, secretId } of collected) {
    if (!secretId) single.push(finding);
    else groups.set(secretId, [...(groups.get(secretId) ?? []), finding]);
  }
  const merged = [...groups.values()].map((group) => {
    const primary = group.reduce((best, f) => (outranks(f, best) ? f : best));
    const others = group.filter((f) => f !== primary);
    if (others.length === 0) return primary;
    return {
      ...primary,
      locations: others.map(({ ruleId, root, path, line, column, source, commit }) => ({ ruleId, root, path, line, column, source, commit })),
    };
  });
  return [...single, ...merged];
}
