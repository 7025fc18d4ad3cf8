import { describe, expect, it } from 'vitest';
import type { UserDecisions } from '../../src/model/decisions.js';
import type { Finding } from '../../src/model/finding.js';
import type { ScanResult } from '../../src/model/result.js';
import { flagPaths } from '../../src/mount/flag-paths.js';
import { applyDecisions, decisionChanges } from '../../src/verdict/apply-decisions.js';
import {
  ALLOWLIST_HEADER,
  parseAllowlistText,
  parsePlanChoicesText,
  updateAllowlistText,
  updatePlanChoicesText,
} from '../../src/verdict/decisions-text.js';

const fp = (c: string) => c.repeat(32);
const finding = (path: string, severity: Finding['severity'], fingerprint: string, extra: Partial<Finding> = {}): Finding => ({
  ruleId: `rule-${severity}`, category: 'token', severity, root: '/r', path, line: 2, source: 'file', fingerprint, message: 'm', remediation: 'x', ...extra,
});
const result = (findings: Finding[]): ScanResult => ({
  verdict: 'no-go', isComplete: true, roots: ['/r'], findings, suppressed: [], skipped: [], excluded: [], notices: [], stats: { files: 1, bytes: 1, durationMs: 1 },
});
const decisions = (over: Partial<UserDecisions>): UserDecisions => ({ allowlistFile: '/cfg/allowlist', planChoicesFile: '/cfg/plan-choices', accepted: [], choices: [], ...over });

describe('the allowlist file', () => {
  it('adds a line per new fingerprint with rule, path and date, keeps hand-written lines, and drops removed ones', () => {
    const start = `${ALLOWLIST_HEADER}# my own note\n${fp('a')}  # from a colleague\n`;
    const added = updateAllowlistText(start, [{ fingerprint: fp('b'), note: 'github-pat "/r/app/.env":3' }, { fingerprint: fp('a') }], new Set(), '2026-12-06');
    expect(added).toBe(`${start}${fp('b')}  # github-pat "/r/app/.env":3 accepted 2026-12-06\n`);
    expect(parseAllowlistText(added, 'f').accepted.map((a) => a.fingerprint)).toEqual([fp('a'), fp('b')]);
    const removed = updateAllowlistText(added, [], new Set([fp('a')]), '2026-12-07');
    expect(removed).toBe(`${ALLOWLIST_HEADER}# my own note\n${fp('b')}  # github-pat "/r/app/.env":3 accepted 2026-12-06\n`);
  });

  it('keeps a line break in a path from starting a new line, and reports a bad line with its number', () => {
    const text = updateAllowlistText('', [{ fingerprint: fp('c'), note: 'r "/r/a\nb"' }], new Set(), '2026-12-06');
    expect(text.split('\n').filter((l) => l.startsWith(fp('c')))).toHaveLength(1);
    expect(parseAllowlistText(`${text}not-a-fingerprint\n`, '/cfg/allowlist').errors).toEqual([
      `/cfg/allowlist:${text.split('\n').length}: not a finding fingerprint (32 hex digits): "not-a-fingerprint"`,
    ]);
  });
});

describe('the plan choices file', () => {
  it('writes one line per file (path as JSON, fingerprints for keep), replaces a changed one and reads it back', () => {
    const odd = '/r/docs/a "quoted" #name\nline.md';
    let text = updatePlanChoicesText('', [{ path: odd, choice: 'keep', fingerprints: [fp('d'), fp('e')] }, { path: '/r/x', choice: 'leave-out', fingerprints: [] }], new Set(), '2026-12-06');
    expect(parsePlanChoicesText(text, 'f')).toEqual({
      choices: [
        { path: odd, choice: 'keep', fingerprints: [fp('d'), fp('e')], date: '2026-12-06' },
        { path: '/r/x', choice: 'leave-out', fingerprints: [], date: '2026-12-06' },
      ],
      errors: [],
    });
    text = updatePlanChoicesText(text, [{ path: odd, choice: 'leave-out', fingerprints: [] }], new Set(['/r/x']), '2026-12-07');
    expect(parsePlanChoicesText(text, 'f').choices).toEqual([{ path: odd, choice: 'leave-out', fingerprints: [], date: '2026-12-07' }]);
    expect(parsePlanChoicesText('keep relative/path\n', '/cfg/p').errors).toHaveLength(1);
  });
});

describe('applyDecisions', () => {
  it('moves an accepted finding, with every place it was seen, to suppressed with the allowlist as source, and decides again', () => {
    const token = finding('app/.env', 'block', fp('a'), { locations: [{ ruleId: 'other', root: '/r', path: 'old/.env', line: 1, source: 'file' }] });
    const note = finding('docs/n.md', 'review', fp('b'));
    const applied = applyDecisions(result([token, note]), decisions({ accepted: [{ fingerprint: fp('a') }] }));
    expect(applied.verdict).toBe('review');
    expect(applied.findings).toEqual([note]);
    expect(applied.suppressed).toEqual([
      { fingerprint: fp('a'), path: 'app/.env', by: '/cfg/allowlist', root: '/r', ruleId: 'rule-block', severity: 'block', line: 2 },
      { fingerprint: fp('a'), path: 'old/.env', by: '/cfg/allowlist', root: '/r', ruleId: 'other', severity: 'block', line: 1 },
    ]);
    expect(applyDecisions(result([token]), decisions({ accepted: [{ fingerprint: fp('a') }] })).verdict).toBe('go');
  });

  it('passes the plan choices under the roots to the planner: keep covers only the findings seen, leave-out always holds', () => {
    const seen = finding('docs/n.md', 'review', fp('b'));
    const clean = finding('src/info.txt', 'info', fp('c'));
    const choices = decisions({
      choices: [
        { path: '/r/docs/n.md', choice: 'keep', fingerprints: [fp('b')] },
        { path: '/r/src/info.txt', choice: 'leave-out', fingerprints: [] },
        { path: '/elsewhere/x', choice: 'leave-out', fingerprints: [] },
      ],
    });
    const applied = applyDecisions(result([seen, clean]), choices);
    expect(applied.planChoices?.map((c) => c.path)).toEqual(['/r/docs/n.md', '/r/src/info.txt']);
    expect(applied.notices).toEqual(['plan choices from /cfg/plan-choices: 1 kept in the plan, 1 left out']);
    const flags = flagPaths(applied, { acceptReview: false }).get('/r')!;
    expect([...flags].map(([path, flag]) => [path, flag.cause])).toEqual([['src/info.txt', 'chosen']]);
    // A review finding the user has not seen: the file is left out again.
    const grown = applyDecisions(result([seen, finding('docs/n.md', 'review', fp('d'))]), choices);
    expect(flagPaths(grown, { acceptReview: false }).get('/r')!.get('docs/n.md')?.cause).toBe('review');
    // A blocking finding is never kept.
    const blocking = applyDecisions(result([finding('docs/n.md', 'block', fp('b'))]), choices);
    expect(flagPaths(blocking, { acceptReview: false }).get('/r')!.get('docs/n.md')?.cause).toBe('block');
  });
});

describe('decisionChanges', () => {
  it('lists what was added and removed, so only that is applied to the file on disk', () => {
    const before = { accepted: [{ fingerprint: fp('a') }, { fingerprint: fp('b') }], choices: [{ path: '/r/x', choice: 'keep' as const, fingerprints: [fp('b')] }] };
    const after = { accepted: [{ fingerprint: fp('b') }, { fingerprint: fp('c') }], choices: [{ path: '/r/y', choice: 'leave-out' as const, fingerprints: [] }] };
    const changes = decisionChanges(before, after);
    expect(changes.accept.map((a) => a.fingerprint)).toEqual([fp('c')]);
    expect([...changes.unaccept]).toEqual([fp('a')]);
    expect(changes.choose.map((c) => c.path)).toEqual(['/r/y']);
    expect([...changes.unchoose]).toEqual(['/r/x']);
  });
});
