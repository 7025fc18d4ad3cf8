import { describe, expect, it } from 'vitest';
import type { Finding, Skipped } from '../../src/model/finding.js';
import type { GitDirectoryReport, ScanResult } from '../../src/model/result.js';
import { flagPaths } from '../../src/mount/flag-paths.js';

const ROOT = '/r';

function finding(path: string, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: `rule-${severity}`, category: 'token', severity, root: ROOT, path, source: 'file',
    fingerprint: `${path}-${severity}`.padEnd(16, '0'), message: 'm', remediation: 'r', ...extra,
  };
}

function result(extra: Partial<ScanResult>): ScanResult {
  return {
    verdict: 'no-go', isComplete: true, roots: [ROOT], findings: [], suppressed: [], skipped: [], excluded: [], notices: [],
    gitDirectories: [], excludedPaths: [], stats: { files: 0, bytes: 0, durationMs: 0 }, ...extra,
  };
}

const causes = (r: ScanResult, acceptReview = false) =>
  Object.fromEntries([...flagPaths(r, { acceptReview }).get(ROOT)!].map(([path, flag]) => [path, flag.cause]));

describe('flagPaths', () => {
  it('flags files with block findings, and review findings unless accepted; info never', () => {
    const r = result({ findings: [finding('a.key', 'block'), finding('notes.txt', 'review'), finding('b.txt', 'info'), finding('mixed', 'review'), finding('mixed', 'block')] });
    expect(causes(r)).toEqual({ 'a.key': 'block', 'notes.txt': 'review', mixed: 'block' });
    expect(causes(r, true)).toEqual({ 'a.key': 'block', mixed: 'block' });
    expect(flagPaths(r, { acceptReview: false }).get(ROOT)!.get('mixed')!.reason).toBe('blocking finding: rule-block, rule-review');
  });

  it('flags a git directory whose history holds a finding, with the commit and the advice', () => {
    const old = finding('config/secret.js', 'block', { source: 'git-history', commit: 'abcdef0123456789' });
    const git: GitDirectoryReport = { root: ROOT, path: 'app/.git', history: 'scanned', findings: [old], skipped: [], tracked: [] };
    const flags = flagPaths(result({ findings: [old], gitDirectories: [git] }), { acceptReview: false });
    // The history path is not a file on disk: only the git directory is flagged.
    expect([...flags.get(ROOT)!.keys()]).toEqual(['app/.git']);
    expect(flags.get(ROOT)!.get('app/.git')!.reason).toBe(
      'git history holds a finding: rule-block in its history (first in commit abcdef0123); mount a fresh clone without history (git clone --depth 1) or use `airlock stage`',
    );
  });

  it('flags every place a merged finding was seen: other files, and the git directory holding a history copy', () => {
    const merged = finding('.env', 'block', {
      locations: [
        { ruleId: 'other-rule', root: ROOT, path: 'backup/.env', line: 2, column: 5, source: 'file' },
        { ruleId: 'rule-block', root: ROOT, path: 'app/config.js', line: 1, column: 9, source: 'git-history', commit: 'abcdef0123456789' },
      ],
    });
    const historyCopy = finding('app/config.js', 'review', { ruleId: 'rule-block', line: 1, column: 9, source: 'git-history', commit: 'abcdef0123456789' });
    const git: GitDirectoryReport = { root: ROOT, path: 'app/.git', history: 'scanned', findings: [historyCopy], skipped: [], tracked: [] };
    const r = result({ findings: [merged], gitDirectories: [git] });
    // The history copy counts at the merged finding's severity: it is the same secret.
    expect(causes(r, true)).toEqual({ '.env': 'block', 'backup/.env': 'block', 'app/.git': 'history' });
    // Without the git directory report, the history copy still fails closed on the root.
    expect(causes(result({ findings: [merged], gitDirectories: [] }))['']).toBe('history');
  });

  it('flags a git directory whose objects hold a committed flagged file (history scan skips it as a duplicate)', () => {
    const current = finding('.env', 'block');
    const git: GitDirectoryReport = { root: ROOT, path: '.git', history: 'scanned', findings: [], skipped: [], tracked: ['.env'] };
    const flags = flagPaths(result({ findings: [current], gitDirectories: [git] }), { acceptReview: false });
    expect(Object.fromEntries([...flags.get(ROOT)!].map(([p, f]) => [p, f.cause]))).toEqual({ '.env': 'block', '.git': 'history' });
    expect(flags.get(ROOT)!.get('.git')!.reason).toMatch(/committed copies of \.env;/);
    // An untracked .env (the usual case) leaves the .git alone.
    expect(causes(result({ findings: [current], gitDirectories: [{ ...git, tracked: [] }] }))).toEqual({ '.env': 'block' });
  });

  it('keeps a git directory whose history findings are all review-level once review is accepted', () => {
    const old = finding('x', 'review', { source: 'git-history' });
    const r = result({ findings: [old], gitDirectories: [{ root: ROOT, path: '.git', history: 'scanned', findings: [old], skipped: [], tracked: [] }] });
    expect(causes(r)).toEqual({ '.git': 'review' });
    expect(causes(r, true)).toEqual({});
  });

  it('ignores a history finding that was suppressed (no longer among the findings)', () => {
    const old = finding('x', 'block', { source: 'git-history' });
    const r = result({ findings: [], gitDirectories: [{ root: ROOT, path: '.git', history: 'scanned', findings: [old], skipped: [], tracked: [] }] });
    expect(causes(r)).toEqual({});
  });

  it('flags a git directory whose history was not read, or only partly', () => {
    const tooLarge: Skipped = { root: ROOT, path: 'big.bin', reason: 'too-large', detail: 'git object 1234' };
    const r = result({
      skipped: [tooLarge],
      gitDirectories: [
        { root: ROOT, path: '.git', history: 'not-scanned', findings: [], skipped: [], tracked: [] },
        { root: ROOT, path: 'vendor/lib/.git', history: 'incomplete', findings: [], skipped: [tooLarge], tracked: [] },
      ],
    });
    // big.bin is a path in history, not on disk: it is not flagged itself.
    expect(causes(r)).toEqual({ '.git': 'unscanned', 'vendor/lib/.git': 'unscanned' });
  });

  it('fails closed: a history finding no git directory accounts for flags the whole root', () => {
    const orphan = finding('x', 'block', { source: 'git-history' });
    expect(causes(result({ findings: [orphan], gitDirectories: undefined }))).toEqual({ '': 'history' });
  });

  it('flags what was not scanned: too large, unreadable, excluded; and FIFOs, sockets, devices', () => {
    const r = result({
      skipped: [
        { root: ROOT, path: 'huge.sql', reason: 'too-large', detail: '20 MB' },
        { root: ROOT, path: 'locked', reason: 'unreadable', detail: 'EACCES: cannot list folder' },
        { root: ROOT, path: 'agent.sock', reason: 'not-regular-file', detail: 'FIFO, socket or device: never opened' },
        { root: ROOT, path: '.', reason: 'unreadable', detail: 'EACCES' },
      ],
      excludedPaths: [{ root: ROOT, path: 'node_modules', by: '--exclude node_modules' }],
    });
    expect(causes(r)).toEqual({ 'huge.sql': 'unscanned', locked: 'unscanned', 'agent.sock': 'special', '': 'unscanned', node_modules: 'unscanned' });
    expect(flagPaths(r, { acceptReview: false }).get(ROOT)!.get('node_modules')!.reason).toBe(
      'not scanned, so not known to be clean: kept out of the scan by --exclude node_modules',
    );
  });

  it('reports the strongest cause when a path is flagged twice', () => {
    const r = result({ findings: [finding('a', 'review')], skipped: [{ root: ROOT, path: 'a', reason: 'match-error', detail: 'x' }] });
    expect(causes(r)).toEqual({ a: 'review' });
  });
});
