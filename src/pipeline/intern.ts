import type { FileFinding } from '../model/finding.js';

/** Distinct texts kept at most: rule names, messages and advice are a few thousand; past this, texts pass through. */
const LIMIT = 20_000;

/**
 * One copy of each repeated text of the findings that cross from worker threads: each arrives
 * as a fresh copy of its rule's message, advice, id and category, and a history of test
 * fixtures holds a hundred thousand findings (30 of their 45 MB were those copies).
 */
export function createFindingInterner(): (finding: FileFinding) => void {
  const known = new Map<string, string>();
  const intern = (text: string): string => {
    const kept = known.get(text);
    if (kept !== undefined) return kept;
    if (known.size < LIMIT) known.set(text, text);
    return text;
  };
  return (finding) => {
    finding.ruleId = intern(finding.ruleId);
    finding.category = intern(finding.category) as FileFinding['category'];
    finding.severity = intern(finding.severity) as FileFinding['severity'];
    finding.message = intern(finding.message);
    if (finding.remediation !== undefined) finding.remediation = intern(finding.remediation);
  };
}
