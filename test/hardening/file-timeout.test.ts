import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, scanJson } from '../helpers/cli.js';
import { fakeTestToken } from '../helpers/fake-secrets.js';
import { GitRepo } from '../helpers/git-repo.js';
import { useSeededCache } from '../helpers/regex-verdicts.js';
import { TEST_RULES_YAML } from '../helpers/rules.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

/**
 * The per-file time budget: a regex cannot be interrupted in its own thread, so a watchdog on
 * the main thread stops a worker stuck on one file, lists the file as `timeout`, and goes on
 * with a fresh worker. The catastrophic pattern here comes from a user's rule folder.
 */
const EVIL_RULE = `
  - id: evil-backtracking
    name: Backtracks exponentially
    category: token
    severity: block
    description: (a+)+b takes 2^n steps on n a's without a b.
    remediation: Do not write patterns like this one.
    content:
      pattern: '(?<secret>evil_(?:a+)+b)'
      keywords: [evil_]
    examples:
      - "evil_aab"
      - "evil_ab"
    negative_examples:
      - "evil_"
      - "evil_b"
`;

/** A line that hangs the evil rule forever. */
const HANG = `evil_${'a'.repeat(48)}\n`;
const BUDGET = 0.5;
const TIMEOUT_DETAIL = `not finished within the ${BUDGET} s per-file budget (--file-timeout): stopped`;

/**
 * One cache for the file, so the evil rule's safety check (2 s until it is stopped) runs
 * once; each test scans with the cache on, since cached files are what leaves a small
 * hostile file alone on the main thread.
 */
const cache = useSeededCache();

function setup() {
  const base = useTempDir('airlock-timeout-');
  const root = join(base, 'root');
  const rules = join(base, 'rules');
  mkdirSync(root);
  mkdirSync(rules);
  writeFileSync(join(rules, 'rules.yml'), TEST_RULES_YAML + EVIL_RULE);
  return { base, root, rules, env: { AIRLOCK_CACHE_DIR: cache.dir } };
}

const UNSAFE_NOTICE = 'airlock: rule evil-backtracking in ';

describe('the per-file time budget (--file-timeout)', () => {
  it('stops a worker stuck on one file of a pooled scan: the file is skipped as "timeout", its path rules still apply, every other file of its batch is scanned', () => {
    const { root, rules, env } = setup();
    const files: Record<string, string> = {};
    for (let i = 0; i < 299; i++) files[`src/f${String(i).padStart(3, '0')}.txt`] = `token ${fakeTestToken()}\n`;
    files['src/stuck.fakekey'] = `${'filler\n'.repeat(10)}${HANG}`;
    writeTree(root, files);
    const started = Date.now();
    const { status, report } = scanJson(['--rules', rules, '--jobs', '2', '--file-timeout', `${BUDGET}s`, root], { env, timeoutMs: 60_000 });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(status).toBe(1);
    expect(report.skipped).toEqual([{ root, path: 'src/stuck.fakekey', reason: 'timeout', detail: TIMEOUT_DETAIL }]);
    expect(report.complete).toBe(false);
    expect(report.stats.files).toBe(300);
    expect(report.findings.filter((f) => f.ruleId === 'fake-token')).toHaveLength(299);
    expect(report.findings.filter((f) => f.path === 'src/stuck.fakekey').map((f) => f.ruleId)).toEqual(['fake-key-file']);

    // Never cached as scanned: the next scan tries the file again, and stops it again, though
    // it is now the only file not served from the cache (so no pool is started for it).
    const text = runCli(['scan', '--rules', rules, '--jobs', '2', '--file-timeout', `${BUDGET}s`, root], { env, timeoutMs: 60_000 });
    expect(text.stdout).toContain(`src/stuck.fakekey — timeout: not finished within the ${BUDGET} s per-file`);
    expect(text.stdout).toMatch(/\nNO-GO {2}300 blocking — INCOMPLETE: 1 item not scanned\n\nMount plan/);
  });

  it('a worker that dies on a file: the file is listed (match-error), every other file of its batch is scanned', () => {
    const { root, rules, env } = setup();
    const files: Record<string, string> = {};
    for (let i = 0; i < 299; i++) files[`src/f${String(i).padStart(3, '0')}.txt`] = `token ${fakeTestToken()}\n`;
    files['src/crash-worker.txt'] = 'the preload ends the worker thread that opens this file\n';
    writeTree(root, files);
    const race = pathToFileURL(join(import.meta.dirname, '..', 'helpers', 'preload', 'race.mjs')).href;
    const { status, report } = scanJson(['--rules', rules, '--jobs', '2', '--no-cache', root], { env, nodeArgs: ['--import', race], timeoutMs: 60_000 });
    expect(status).toBe(1);
    expect(report.skipped).toEqual([{ root, path: 'src/crash-worker.txt', reason: 'match-error', detail: 'the worker scanning it exited (code 3)' }]);
    expect(report.complete).toBe(false);
    expect(report.findings.filter((f) => f.ruleId === 'fake-token')).toHaveLength(299);
  });

  it('a user rule that fails the regex safety check is reported, and then no file at all is matched on the main thread', () => {
    const { root, rules, env } = setup();
    writeTree(root, { 'tiny.txt': HANG, 'other.txt': `token ${fakeTestToken()}\n` });
    const { status, report, stderr } = scanJson(['--rules', rules, '--jobs', '1', '--file-timeout', `${BUDGET}s`, root], { env, timeoutMs: 60_000 });
    expect(stderr).toContain(`${UNSAFE_NOTICE}${rules}/rules.yml can backtrack catastrophically (see airlock rules test): every file is matched in a worker thread, under the per-file time budget\n`);
    expect(status).toBe(1);
    expect(report.skipped).toEqual([{ root, path: 'tiny.txt', reason: 'timeout', detail: TIMEOUT_DETAIL }]);
    expect(report.findings.map((f) => [f.ruleId, f.path])).toEqual([['fake-token', 'other.txt']]);
  });

  it('applies to a scan that runs on the main thread (--jobs 1): a file too large for it goes to a worker the watchdog can stop', () => {
    const { root, rules, env } = setup();
    const token = fakeTestToken();
    writeTree(root, {
      'small.txt': `token ${token}\n`,
      // Past the main thread's 32 KiB: scanned in a worker.
      'bundle.js': `${'/* padding */\n'.repeat(3000)}${HANG}`,
    });
    const { status, report } = scanJson(['--rules', rules, '--jobs', '1', '--file-timeout', `${BUDGET}s`, root], { env, timeoutMs: 60_000 });
    expect(status).toBe(1);
    expect(report.skipped).toEqual([{ root, path: 'bundle.js', reason: 'timeout', detail: TIMEOUT_DETAIL }]);
    expect(report.findings.map((f) => [f.ruleId, f.path])).toEqual([['fake-token', 'small.txt']]);
  });

  it("stops secretlint's own quadratic case with the shipped rules alone: 1 MB of Slack-shaped tokens", () => {
    // secretlint drops duplicate hits by comparing each with all those after it: tens of
    // thousands of hits in one file take minutes. Nothing in the rule pack can prevent that.
    const { root, env } = setup();
    writeTree(root, { 'slack-dump.txt': 'xoxb-1234-abcd '.repeat(70_000) });
    const started = Date.now();
    const { report } = scanJson(['--file-timeout', `${BUDGET}s`, root], { env, timeoutMs: 60_000 });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(report.skipped).toEqual([{ root, path: 'slack-dump.txt', reason: 'timeout', detail: TIMEOUT_DETAIL }]);
    expect(report.complete).toBe(false);
  });

  it('applies to staged blobs (`scan --staged`, as the pre-commit hook runs it)', () => {
    const { rules, env } = setup();
    const repo = new GitRepo('airlock-timeout-staged-');
    try {
      const token = fakeTestToken();
      repo.write('ok.txt', `token ${token}\n`).write('vendor/huge.js', `${'// padding\n'.repeat(4000)}${HANG}`);
      repo.git('add', '-A');
      const { status, report } = scanJson(['--staged', '--rules', rules, '--file-timeout', `${BUDGET}s`], { cwd: repo.dir, env, timeoutMs: 60_000 });
      expect(status).toBe(1);
      expect(report.skipped).toEqual([{ root: repo.dir, path: 'vendor/huge.js', reason: 'timeout', detail: TIMEOUT_DETAIL }]);
      expect(report.findings.map((f) => [f.ruleId, f.path, f.source])).toEqual([['fake-token', 'ok.txt', 'staged']]);
    } finally {
      repo.remove();
    }
  });
});
