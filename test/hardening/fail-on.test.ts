import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFailOn, shouldFail, type FailOn } from '../../src/cli/fail-on.js';
import type { Verdict } from '../../src/model/result.js';
import { runCli, scanJson } from '../helpers/cli.js';
import { fakeNoteToken, fakeTestToken } from '../helpers/fake-secrets.js';
import { GitRepo } from '../helpers/git-repo.js';
import { writeTestRules } from '../helpers/rules.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

/**
 * Incomplete is not GO. A scan that left something unread says INCOMPLETE (unless something
 * blocks: NO-GO) and exits 1 by default (`--fail-on incomplete`); `--fail-on block` exits 1 on
 * NO-GO only; `--fail-on review` on NO-GO, INCOMPLETE or REVIEW.
 */
describe('--fail-on: the exit code for each verdict and completeness', () => {
  const cases: [Verdict, boolean, string, 0 | 1][] = [];
  const outcomes: [Verdict, boolean][] = [['go', true], ['review', true], ['incomplete', false], ['no-go', true], ['no-go', false]];
  const table: Record<string, [go: number, review: number, incomplete: number, noGo: number, noGoIncomplete: number]> = {
    block: [0, 0, 0, 1, 1],
    incomplete: [0, 0, 1, 1, 1],
    review: [0, 1, 1, 1, 1],
    'review,incomplete': [0, 1, 1, 1, 1],
    'block,incomplete': [0, 0, 1, 1, 1],
    never: [0, 0, 0, 0, 0],
  };
  for (const [failOn, codes] of Object.entries(table)) {
    outcomes.forEach(([verdict, isComplete], i) => cases.push([verdict, isComplete, failOn, codes[i] as 0 | 1]));
  }
  it.each(cases)('%s, complete %s, --fail-on %s: exit %i', (verdict, isComplete, failOn, code) => {
    expect(shouldFail({ verdict, isComplete }, parseFailOn(failOn)) ? 1 : 0).toBe(code);
  });

  it('defaults to incomplete: NO-GO or anything unread exits 1', () => {
    expect([...parseFailOn(undefined)]).toEqual<FailOn[]>(['incomplete']);
  });
});

describe('an incomplete scan says so in every format, and --fail-on incomplete exits 1', () => {
  function setup(files: Record<string, string>) {
    const base = useTempDir('airlock-failon-');
    const root = join(base, 'root');
    writeTree(root, files);
    return { root, rules: writeTestRules(base) };
  }

  it('nothing found but a file too large: INCOMPLETE, exit 1 by default and with review, 0 with --fail-on block; text, JSON and SARIF say so', () => {
    const { root, rules } = setup({ 'small.txt': 'nothing here\n', 'big.log': 'x'.repeat(4096) });
    const args = ['--rules', rules, '--max-file-size', '1k', root];
    const text = runCli(['scan', ...args]);
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/\nINCOMPLETE {2}no findings — 1 item not scanned\n\nMount plan/);
    expect(runCli(['scan', '--fail-on', 'incomplete', ...args]).status).toBe(1);
    expect(runCli(['scan', '--fail-on', 'review', ...args]).status).toBe(1);
    expect(runCli(['scan', '--fail-on', 'block', ...args]).status).toBe(0);
    const { report } = scanJson(args);
    expect({ version: report.version, verdict: report.verdict, complete: report.complete, skipped: report.skipped.map((s) => s.reason) }).toEqual({ version: 2, verdict: 'incomplete', complete: false, skipped: ['too-large'] });
    const sarif = JSON.parse(runCli(['scan', '--format', 'sarif', ...args]).stdout) as { runs: { invocations: { executionSuccessful: boolean }[] }[] };
    expect(sarif.runs[0]!.invocations[0]!.executionSuccessful).toBe(false);
    // Complete, the same folder passes --fail-on incomplete.
    expect(runCli(['scan', '--fail-on', 'incomplete', '--rules', rules, '--max-file-size', '8k', root]).status).toBe(0);
  });

  it('a review finding and something unread: INCOMPLETE, 1 by default, with review or both, 0 with block', () => {
    const { root, rules } = setup({ 'notes.txt': `${fakeNoteToken()}\n`, 'big.log': 'x'.repeat(4096) });
    const args = ['--rules', rules, '--max-file-size', '1k', root];
    const status = (failOn?: string) => runCli(['scan', ...(failOn ? ['--fail-on', failOn] : []), ...args]).status;
    expect({ byDefault: status(), block: status('block'), incomplete: status('incomplete'), review: status('review'), both: status('review,incomplete') }).toEqual({ byDefault: 1, block: 0, incomplete: 1, review: 1, both: 1 });
    expect(runCli(['scan', ...args]).stdout).toMatch(/\nINCOMPLETE {2}1 to review — 1 item not scanned\n\nMount plan/);
  });

  it('applies to --staged too', () => {
    const repo = new GitRepo('airlock-failon-staged-');
    try {
      const rules = writeTestRules(useTempDir('airlock-failon-rules-'));
      repo.write('a.txt', 'fine\n').write('dump.sql', 'x'.repeat(4096));
      repo.git('add', '-A');
      const run = (failOn: string) => runCli(['scan', '--staged', '--rules', rules, '--max-file-size', '1k', '--fail-on', failOn], { cwd: repo.dir });
      expect(run('block').status).toBe(0);
      const incomplete = run('incomplete');
      expect(incomplete.status).toBe(1);
      expect(incomplete.stdout).toMatch(/\nINCOMPLETE {2}no findings — 1 item not scanned\n$/);
      repo.write('a.txt', `token ${fakeTestToken()}\n`);
      repo.git('add', '-A');
      expect(run('block').status).toBe(1);
    } finally {
      repo.remove();
    }
  });
});
