import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_DIR, runCli } from '../helpers/cli.js';
import { fakeNoteToken, fakeTestToken } from '../helpers/fake-secrets.js';
import { writeTestRules } from '../helpers/rules.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

const VERSION = (JSON.parse(readFileSync(join(REPO_DIR, 'package.json'), 'utf8')) as { version: string }).version;
const USAGE_HINT = 'Run `airlock --help` for usage.\n';

/** A root whose verdict is the one asked for, and the test rules beside it. */
function rootWith(verdict: 'go' | 'review' | 'no-go') {
  const base = useTempDir();
  const root = join(base, 'root');
  const contents = { go: 'nothing to see\n', review: `note ${fakeNoteToken()}\n`, 'no-go': `token ${fakeTestToken()}\n` };
  writeTree(root, { 'file.txt': contents[verdict] });
  return { base, root, rules: writeTestRules(base) };
}

describe('exit codes', () => {
  it.each([
    ['go', [], 0, 'GO'],
    ['go', ['--fail-on', 'review'], 0, 'GO'],
    ['review', [], 0, 'REVIEW'],
    ['review', ['--fail-on', 'block'], 0, 'REVIEW'],
    ['review', ['--fail-on', 'review'], 1, 'REVIEW'],
    ['review', ['--fail-on', 'never'], 0, 'REVIEW'],
    ['no-go', [], 1, 'NO-GO'],
    ['no-go', ['--fail-on', 'review'], 1, 'NO-GO'],
    ['no-go', ['--fail-on', 'never'], 0, 'NO-GO'],
  ] as const)('a %s folder with %j exits %i', (verdict, flags, status, label) => {
    const { root, rules } = rootWith(verdict);
    const run = runCli(['scan', '--rules', rules, ...flags, root]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(status);
    // The verdict line comes just before the mount plan, which ends the text output.
    expect(run.stdout.split('\n\nMount plan')[0]!.split('\n').at(-1)!.split('  ')[0]).toBe(label);
  });

  it('treats a symlink escape as REVIEW: exit 0, or 1 with --fail-on review', () => {
    const { base, root, rules } = rootWith('go');
    symlinkSync(join(base, 'rules'), join(root, 'link-out'));
    expect(runCli(['scan', '--rules', rules, root]).status).toBe(0);
    expect(runCli(['scan', '--rules', rules, '--fail-on', 'review', root]).status).toBe(1);
  });

  it('scans the current folder when no path is given, and without `scan`', () => {
    const { root, rules } = rootWith('no-go');
    const run = runCli(['--rules', rules, '--format', 'json'], { cwd: root });
    expect(run.status).toBe(1);
    expect((JSON.parse(run.stdout) as { roots: string[] }).roots).toEqual([root]);
  });

  it('takes the worst verdict across several folders', () => {
    const go = rootWith('go');
    const review = rootWith('review');
    const noGo = rootWith('no-go');
    expect(runCli(['scan', '--rules', go.rules, go.root, review.root]).status).toBe(0);
    expect(runCli(['scan', '--rules', go.rules, '--fail-on', 'review', go.root, review.root]).status).toBe(1);
    expect(runCli(['scan', '--rules', go.rules, go.root, noGo.root, review.root]).status).toBe(1);
  });

  describe('2 for usage and configuration errors, with a one-line message', () => {
    it.each([
      ['an unknown flag', ['scan', '--bogus', '.'], `airlock: unknown option --bogus (a folder whose name starts with "-" goes after "--": airlock scan -- --bogus)\n${USAGE_HINT}`],
      ['an unknown flag without `scan`', ['--bogus'], `airlock: unknown option --bogus (a folder whose name starts with "-" goes after "--": airlock scan -- --bogus)\n${USAGE_HINT}`],
      ['an unknown short flag', ['scan', '-z', '.'], `airlock: unknown option -z (a folder whose name starts with "-" goes after "--": airlock scan -- -z)\n${USAGE_HINT}`],
      ['a value that starts with a dash', ['scan', '--max-file-size', '-5', '.'], `airlock: --max-file-size needs a value; the next argument starts with "-" (write --max-file-size=VALUE to pass such a value)\n${USAGE_HINT}`],
      ['a negative size given with =', ['scan', '--max-file-size=-5', '.'], `airlock: --max-file-size takes a size in bytes (e.g. 10485760, 512K, 10M), not "-5"\n${USAGE_HINT}`],
      ['a mistyped command', ['frobnicate'], `airlock: "frobnicate" is not a command or a folder here; the commands are scan, plan, stage, audit, rules, hook (airlock --help)\n${USAGE_HINT}`],
      ['a bad --format', ['scan', '--format', 'xml', '.'], `airlock: --format must be one of text, json, sarif, markdown, html, not "xml"\n${USAGE_HINT}`],
      ['--format without a value', ['scan', '--format'], `airlock: --format needs a value\n${USAGE_HINT}`],
      ['a bad --fail-on', ['scan', '--fail-on', 'warning', '.'], `airlock: --fail-on must be one of block, review, incomplete, never (or a comma-separated list), not "warning"\n${USAGE_HINT}`],
      ['--fail-on never with another value', ['scan', '--fail-on', 'review,never', '.'], `airlock: --fail-on never cannot be combined with other values\n${USAGE_HINT}`],
      ['a bad --file-timeout', ['scan', '--file-timeout', 'soon', '.'], `airlock: --file-timeout takes a time in seconds (e.g. 10, 2.5s, 500ms), not "soon"\n${USAGE_HINT}`],
      ['a zero --file-timeout', ['scan', '--file-timeout', '0', '.'], `airlock: --file-timeout must be from 1ms to 24 hours, not "0"\n${USAGE_HINT}`],
      ['a --max-file-size over the limit', ['scan', '--max-file-size', '6G', '.'], `airlock: --max-file-size can be at most 512M (a file is matched as one string), not "6G"\n${USAGE_HINT}`],
      ['a bad --jobs', ['scan', '--jobs', '0', '.'], `airlock: --jobs takes a whole number from 1 to 256, not "0"\n${USAGE_HINT}`],
      ['a bad --max-file-size', ['scan', '--max-file-size', 'big', '.'], `airlock: --max-file-size takes a size in bytes (e.g. 10485760, 512K, 10M), not "big"\n${USAGE_HINT}`],
      ['audit given a path', ['audit', 'somewhere'], `airlock: audit takes no paths (use --home DIR), not "somewhere"\n${USAGE_HINT}`],
      ['audit with a bad --format', ['audit', '--format', 'pdf'], `airlock: --format must be one of text, json, sarif, markdown, html, not "pdf"\n${USAGE_HINT}`],
      ['help for an unknown command', ['help', 'deploy'], `airlock: no help for "deploy": not a command\n${USAGE_HINT}`],
    ])('%s', (_, args, stderr) => {
      const run = runCli(args, { cwd: useTempDir() });
      expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 2, stdout: '', stderr });
    });

    it('a missing folder, naming each one', () => {
      const base = useTempDir();
      const run = runCli(['scan', base, join(base, 'nope'), join(base, 'gone')]);
      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 2, stdout: '' });
      expect(run.stderr).toBe(`airlock: ${join(base, 'nope')}: no such folder\nairlock: ${join(base, 'gone')}: no such folder\n`);
    });

    it('a file given as a folder', () => {
      const { root } = rootWith('go');
      const run = runCli(['scan', join(root, 'file.txt')]);
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 2, stderr: `airlock: ${join(root, 'file.txt')}: not a folder\n` });
    });

    it('a bad rule folder', () => {
      const { base, root } = rootWith('go');
      writeTree(base, { 'bad-rules/broken.yml': 'rules:\n  - id: x\n' });
      const run = runCli(['scan', '--rules', join(base, 'bad-rules'), root]);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      const fields = run.stderr.split('\n').filter(Boolean).map((line) => line.replace(`airlock: ${join(base, 'bad-rules', 'broken.yml')}: rule x: `, '').split(':')[0]);
      expect(fields).toEqual(['name', 'category', 'severity', 'description', 'remediation', 'examples', 'negative_examples']);
    });
  });

  it.each([
    [['--version'], `${VERSION}\n`],
    [['-V'], `${VERSION}\n`],
  ])('%j prints the version and exits 0', (args, stdout) => {
    expect(runCli(args)).toMatchObject({ status: 0, stdout, stderr: '' });
  });

  it.each([[['--help']], [['help']], [['help', 'scan']], [['scan', '--help']], [['help', 'rules']], [['audit', '--help']], [['help', 'audit']]])('%j prints help and exits 0', (args) => {
    const run = runCli(args);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^(airlock \d|Usage: airlock (scan|rules|audit))/);
  });
});
