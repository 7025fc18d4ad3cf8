import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeTestRules } from '../helpers/rules.js';
import { useTempDir } from '../helpers/temp-dir.js';

const SUMMARY = /^(\d+) examples checked; \d+ patterns safe from catastrophic backtracking; rules: (\d+) passed, (\d+) failed\n$/;

/** How many rules ship, as `rules list --json` tells. */
function shippedRuleCount(): number {
  const run = runCli(['rules', 'list', '--json']);
  expect(run.status).toBe(0);
  return (JSON.parse(run.stdout) as unknown[]).length;
}

describe('airlock rules test', () => {
  it('passes every shipped rule against its own examples: exit 0, "0 failed"', () => {
    const rules = shippedRuleCount();
    const run = runCli(['rules', 'test']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [, examples, passed, failed] = SUMMARY.exec(run.stdout) ?? [];
    expect({ passed: Number(passed), failed: Number(failed) }).toEqual({ passed: rules, failed: 0 });
    expect(Number(examples)).toBeGreaterThanOrEqual(rules * 2);
  });

  it('also checks the rules of --rules DIR (the test suite\'s own rules pass)', () => {
    const rules = shippedRuleCount();
    const run = runCli(['rules', 'test', '--rules', writeTestRules(useTempDir())]);
    expect(run.status).toBe(0);
    const [, , passed, failed] = SUMMARY.exec(run.stdout) ?? [];
    expect({ passed: Number(passed), failed: Number(failed) }).toEqual({ passed: rules + 3, failed: 0 });
  });

  it('fails a rule whose example does not match or whose negative example matches: exit 1, one FAIL line each', () => {
    const rules = shippedRuleCount();
    const dir = writeTestRules(useTempDir());
    const file = join(dir, 'test-rules.yml');
    const broken = readFileSync(file, 'utf8')
      .replace('"token: fake_tok_Q7rT2mZp9LxW4nVb8KcJ3hYd6FgS1aEu"', '"token: fake_tok_Q7rT2mZp9LxW4nVb8KcJ3hYd6Fg"')
      .replace('- id.fakekey.pub', '- keys/old.fakekey');
    writeFileSync(file, broken);
    const run = runCli(['rules', 'test', '--rules', dir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `FAIL ${file}: rule fake-token: examples[0] "token: fake_tok_Q7rT2mZp9LxW4nVb8KcJ3hYd6Fg" does not match\n` +
        `FAIL ${file}: rule fake-key-file: negative_examples[0] "keys/old.fakekey" matches but must not\n`,
    );
    const [, , passed, failed] = SUMMARY.exec(run.stdout) ?? [];
    expect({ passed: Number(passed), failed: Number(failed) }).toEqual({ passed: rules + 1, failed: 2 });
  });
});

describe('airlock rules list', () => {
  it('lists the shipped rules and those of --rules DIR, with a count', () => {
    const rules = shippedRuleCount();
    const run = runCli(['rules', 'list', '--rules', writeTestRules(useTempDir())]);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(rules + 4);
    expect(lines.slice(-4, -1).map((l) => l.split(/\s+/).slice(0, 3).join(' '))).toEqual([
      'fake-token block token',
      'fake-note review pii',
      'fake-key-file block private-key',
    ]);
    const providers = new Set(
      (JSON.parse(runCli(['rules', 'list', '--json']).stdout) as { provider?: string }[]).flatMap((r) => (r.provider ? [r.provider] : [])),
    );
    expect(lines.at(-1)).toBe(`${rules + 3} rules, ${providers.size} providers`);
  });

  it.each([
    [['rules'], 2, 'Usage: airlock rules list|test'],
    [['rules', '--help'], 0, 'Usage: airlock rules list|test'],
  ])('`%j` prints its usage and exits %i', (args, status, start) => {
    const run = runCli(args);
    expect(run.status).toBe(status);
    expect(run.stdout.startsWith(start)).toBe(true);
  });

  it('rejects an unknown action with exit 2', () => {
    const run = runCli(['rules', 'check']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('airlock: unknown rules action "check" (use list or test)\nRun `airlock --help` for usage.\n');
  });
});
