import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/mount/plan.js';
import { findingRows } from '../../src/tui/finding-rows.js';
import { findingPane } from '../../src/tui/findings-lines.js';
import { allLines, lineText, type Line } from '../../src/tui/line.js';
import { planPane } from '../../src/tui/plan-lines.js';
import { summaryLines } from '../../src/tui/summary.js';
import { hostileNames } from '../helpers/hostile-names.js';
import { finding, scanResult } from './scan-result.js';

/** Anything a terminal acts on, or that reorders or breaks lines (as in test/hardening/terminal-safety.test.ts). */
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const FAKE_VERDICT = 'GO  0 blocking, 0 to review';
const HOSTILE = hostileNames(FAKE_VERDICT);

const texts = (lines: Line[]) => lines.map(lineText);

describe.each(HOSTILE.map((name) => [JSON.stringify(name), name] as const))('TUI lines with the hostile name %s', (_label, name) => {
  const root = `/r/${name}`;
  const result = scanResult({
    verdict: 'no-go',
    roots: [root],
    findings: [finding(root, `${name}/${name}`, { secret: `ghp_…${name}`, ruleId: `rule${name}`, message: name, remediation: name })],
    suppressed: [{ fingerprint: 'f', path: name, by: `${root}/.airlockallow${name}`, root, ruleId: 'x', severity: 'block' }],
    excluded: [{ root, by: name, entries: 2 }],
  });

  it('escapes it in the findings, expanded', () => {
    const rows = findingRows(result);
    const keys = new Set(rows.flatMap((r) => (r.kind === 'finding' ? [r.key] : [])));
    for (const text of texts(allLines(findingPane(rows, keys, 0, 100)))) expect(text).not.toMatch(RAW_CONTROL);
  });

  it('escapes it in the summary, and the verdict line stays first and true', () => {
    const lines = texts(summaryLines(result));
    for (const text of lines) expect(text).not.toMatch(RAW_CONTROL);
    expect(lines[0]).toMatch(/^NO-GO {2}1 blocking/);
    expect(lines.slice(1).some((l) => l.startsWith('GO'))).toBe(false);
  });

  it('escapes it in the mount plan', () => {
    const plan: Plan = {
      roots: [root],
      mounts: [{ root, rel: name, path: `${root}/${name}`, kind: 'dir', mode: 'ro' }],
      excluded: [{ root, rel: name, path: `${root}/${name}.env`, kind: 'file', cause: 'block', reason: `blocking finding: ${name}` }],
    };
    for (const text of texts(allLines(planPane(plan, 0, false)))) expect(text).not.toMatch(RAW_CONTROL);
  });
});
