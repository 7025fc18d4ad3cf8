import { describe, expect, it } from 'vitest';
import type { Skipped } from '../../src/model/finding.js';
import type { Severity } from '../../src/model/severity.js';
import { decideVerdict, isScanComplete } from '../../src/verdict/decide.js';

const findings = (...severities: Severity[]) => severities.map((severity) => ({ severity }));
const skip = (reason: Skipped['reason']): Skipped => ({ root: '/r', path: 'p', reason, detail: 'd' });

describe('decideVerdict', () => {
  it.each([
    [[], 'go'],
    [['info'], 'go'],
    [['info', 'info'], 'go'],
    [['review'], 'review'],
    [['info', 'review'], 'review'],
    [['block'], 'no-go'],
    [['review', 'block', 'info'], 'no-go'],
    [['info', 'review', 'review', 'block'], 'no-go'],
  ] as [Severity[], string][])('%j → %s', (severities, verdict) => {
    expect(decideVerdict(findings(...severities))).toBe(verdict);
  });
});

describe('isScanComplete', () => {
  it.each([
    [[], true],
    [['not-regular-file'], true],
    [['unreadable'], false],
    [['too-large'], false],
    [['vanished'], false],
    [['match-error'], false],
    [['not-regular-file', 'unreadable'], false],
  ] as [Skipped['reason'][], boolean][])('%j → %s', (reasons, complete) => {
    expect(isScanComplete(reasons.map(skip))).toBe(complete);
  });
});
