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
 * Incomplete is not GO. `--fail-on incomplete` exits 1 on a NO-GO verdict or on anything left
 * unread (size, time, errors, permissions), whatever the verdict; REVIEW alone still exits 0
 * unless `review` is asked for too (`--fail-on review,incomplete`).
 */
describe('--fail-on: the exit code for each verdict and completeness', () => {
  const cases: [Verdict, boolean, string, 0 | 1][] = [];
  const table: Record<string, [go: number, goIncomplete: number, review: number, reviewIncomplete: number, noGo: number, noGoIncomplete: number]> = {
    block: [0, 0, 0, 0, 1, 1],
    review: [0, 0, 1, 1, 1, 1],
    incomplete: [0, 1, 0, 1, 1, 1],
    'review,incomplete': [0, 1, 1, 1, 1, 1],
    never: [0, 0, 0, 0, 0, 0],
  };
  for (const [failOn, codes] of Object.entries(table)) {
    const outcomes: [Verdict, boolean][] = [['go', true], ['go', false], ['review', true], ['review', false], ['no-go', true], ['no-go', false]];
    outcomes.forEach(([verdict, isComplete], i) => cases.push([verdict, isComplete, failOn, codes[i] as 0 | 1]));
  }
  it.each(cases)('%s, complete %s, --fail-on %s: exit %i', (verdict, isComplete, failOn, code) => {
    expect(shouldFail({ verdict, isComplete }, parseFailOn(failOn)) ? 1 : 0).toBe(code);
  });

  it('defaults to block', () => {
    expect([...parseFailOn(undefined)]).toEqual<FailOn[]>(['block']);
  });
});

describe('an incomplete scan says so in every format, and --fail-on incomplete exits 1', () => {
  function setup(files: Record<string, string>) {
    const base = useTempDir('airlock-failon-');
    const root = join(base, 'root');
    writeTree(root, files);
    return { root, rules: writeTestRules(base) };
  }

  it('GO with a file too large: exit 0 by default, 1 with --fail-on incomplete; text, JSON and SARIF say INCOMPLETE', () => {
    const { root, rules } = setup({ 'small.txt': 'nothing here\n', 'big.log': 'x'.repeat(4096) });
    const args = ['--rules', rules, '--max-file-size', '1k', root];
    const text = runCli(['scan', ...args]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/\nGO {2}no findings — INCOMPLETE: 1 item not scanned\n\nMount plan/);
    expect(runCli(['scan', '--fail-on', 'incomplete', ...args]).status).toBe(1);
    expect(runCli(['scan', '--fail-on', 'review', ...args]).status).toBe(0);
    const { report } = scanJson(args);
    expect({ verdict: report.verdict, complete: report.complete, skipped: report.skipped.map((s) => s.reason) }).toEqual({ verdict: 'go', complete: false, skipped: ['too-large'] });
    const sarif = JSON.parse(runCli(['scan', '--format', 'sarif', ...args]).stdout) as { runs: { invocations: { executionSuccessful: boolean }[] }[] };
    expect(sarif.runs[0]!.invocations[0]!.executionSuccessful).toBe(false);
    // Complete, the same folder passes --fail-on incomplete.
    expect(runCli(['scan', '--fail-on', 'incomplete', '--rules', rules, '--max-file-size', '8k', root]).status).toBe(0);
  });

  it('REVIEW and incomplete: 0 by default, 1 with incomplete, with review, or with both', () => {
    const { root, rules } = setup({ 'notes.txt': `${fakeNoteToken()}\n`, 'big.log': 'x'.repeat(4096) });
    const args = ['--rules', rules, '--max-file-size', '1k', root];
    const status = (failOn?: string) => runCli(['scan', ...(failOn ? ['--fail-on', failOn] : []), ...args]).status;
    expect({ block: status(), incomplete: status('incomplete'), review: status('review'), both: status('review,incomplete') }).toEqual({ block: 0, incomplete: 1, review: 1, both: 1 });
    expect(runCli(['scan', ...args]).stdout).toMatch(/\nREVIEW {2}1 to review — INCOMPLETE: 1 item not scanned\n\nMount plan/);
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
      expect(incomplete.stdout).toMatch(/\nGO {2}no findings — INCOMPLETE: 1 item not scanned\n$/);
      repo.write('a.txt', `token ${fakeTestToken()}\n`);
      repo.git('add', '-A');
      expect(run('block').status).toBe(1);
    } finally {
      repo.remove();
    }
  });
});
