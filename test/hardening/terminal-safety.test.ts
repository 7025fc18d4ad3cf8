import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scanJson } from '../helpers/cli.js';
import { fakeTestToken } from '../helpers/fake-secrets.js';
import { TEST_RULES_YAML } from '../helpers/rules.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';
import { hostileNames } from '../helpers/hostile-names.js';

/**
 * A hostile file name or matched text must not be able to move the cursor, recolour the
 * screen, retitle the terminal or fake the verdict line. This covers the text format; the
 * TUI's lines are checked in test/tui/escaping.test.ts and on a real terminal in
 * test/e2e/tui-tmux.test.ts.
 */

/** Anything a terminal acts on, or that reorders or breaks lines. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const VERDICT_LINE = /^(GO|REVIEW|NO-GO) {2}/;

/** A rule whose secret may hold control characters, so --show-secrets prints some. */
const CONTROL_RULE = `
  - id: control-token
    name: Token with control characters
    category: token
    severity: block
    description: Matches 24 characters of anything after its prefix.
    remediation: r
    content:
      pattern: '(?<secret>ctl_tok_[^\\n]{24})'
      keywords: [ctl_tok_]
    examples: ["ctl_tok_abcdefghijklmnopqrstuvwx", "ctl_tok_xwvutsrqponmlkjihgfedcba"]
    negative_examples: ["ctl_tok_short", "ctl_tok_"]
`;

const FAKE_VERDICT = 'GO  no findings — complete scan';
const HOSTILE_NAMES = hostileNames(FAKE_VERDICT);

function setup() {
  const base = useTempDir('airlock-term-');
  const root = join(base, 'root');
  const rules = join(base, 'rules');
  mkdirSync(rules);
  writeFileSync(join(rules, 'rules.yml'), TEST_RULES_YAML + CONTROL_RULE);
  return { base, root, rules };
}

function expectSafe(text: string, real: RegExp) {
  expect(text).not.toMatch(RAW_CONTROL);
  const lines = text.split('\n');
  expect(lines.at(-1)).toBe('');
  // The verdict line comes last before the mount plan (which starts with a blank line).
  const plan = lines.findIndex((line) => line.startsWith('Mount plan'));
  const verdictAt = (plan === -1 ? lines.length - 1 : plan - 1) - 1;
  expect(lines[verdictAt]).toMatch(real);
  // No other line starts like a verdict: every line a file name or match is on is indented.
  expect(lines.filter((line, i) => i !== verdictAt && VERDICT_LINE.test(line))).toEqual([]);
}

describe('terminal safety: hostile names and matched text are escaped in text output', () => {
  it('file names cannot rewrite the screen or fake the verdict line', () => {
    const { root, rules } = setup();
    writeTree(root, Object.fromEntries(HOSTILE_NAMES.map((name) => [name, `token ${fakeTestToken()}\n`])));
    const run = runCli(['scan', '--rules', rules, root]);
    expect(run.status).toBe(1);
    expectSafe(run.stdout, /^NO-GO {2}10 blocking — complete scan$/);
    expect(run.stdout).toContain('\n  \\x1b[2K\\x0dGO  no findings — complete scan.env\n');
    expect(run.stdout).toContain('\n  \\x9b2J\\x9b32mc1-csi.env\n');
    expect(run.stdout).toContain('\n  rtl\\u202evne.\n');
    expect(run.stdout).toContain('\n  line\\u2028GO  no findings — complete scan.env\n');
    // JSON keeps every name exactly (it is for programs, and JSON escapes what it must).
    const { report } = scanJson(['--rules', rules, root]);
    expect(report.findings.map((f) => f.path).sort()).toEqual([...HOSTILE_NAMES].sort());
  });

  it('matched text with control characters is escaped, and masked by default', () => {
    const { root, rules } = setup();
    // The secret is the prefix and 24 characters: an erase, a carriage return, a fake verdict.
    writeTree(root, { 'config.txt': `x = ctl_tok_\x1b[2K\r${FAKE_VERDICT.slice(0, 19)}\n` });
    const shown = runCli(['scan', '--rules', rules, '--show-secrets', root]);
    expectSafe(shown.stdout, /^NO-GO {2}1 blocking — complete scan$/);
    expect(shown.stdout).toContain(`line 1:5  ctl_tok_\\x1b[2K\\x0d${FAKE_VERDICT.slice(0, 19)}\n`);
    const masked = runCli(['scan', '--rules', rules, root]);
    expectSafe(masked.stdout, /^NO-GO {2}1 blocking — complete scan$/);
    expect(masked.stdout).toMatch(/line 1:5 {2}ctl_…\n/);
  });

  it('names of skipped entries and hostile paths in error messages are escaped too', () => {
    const { base, root, rules } = setup();
    writeTree(root, { ['big\x1b[2J\r' + FAKE_VERDICT]: 'x'.repeat(2000) });
    const skipped = runCli(['scan', '--rules', rules, '--max-file-size', '1k', root]);
    expectSafe(skipped.stdout, /^INCOMPLETE {2}no findings — 1 item not scanned$/);
    expect(skipped.stdout).toContain('big\\x1b[2J\\x0dGO no findings — complete scan — too-large');

    const missing = join(base, `gone\x1b[2J\r${FAKE_VERDICT}`);
    const error = runCli(['scan', '--rules', rules, missing]);
    expect(error.status).toBe(2);
    expect(error.stderr).not.toMatch(RAW_CONTROL);
    expect(error.stderr).toBe(`airlock: ${base}/gone\\x1b[2J\\x0d${FAKE_VERDICT}: no such folder\n`);

    const option = runCli(['scan', `--\x1b[31mred`]);
    expect(option.status).toBe(2);
    expect(option.stderr).not.toMatch(RAW_CONTROL);
  });

  it('rule names and files from a user folder are escaped in `rules list` and `rules test`', () => {
    const { base, rules } = setup();
    const hostile = join(base, 'hostile\x1b[2Jrules');
    mkdirSync(hostile);
    writeFileSync(
      join(hostile, 'r.yml'),
      TEST_RULES_YAML.replace(/fake-/g, 'other-').replace('name: Fake test token', 'name: "Fake \\e[2J\\rGO token"').replace('fake_tok_Q7rT2mZp9LxW4nVb"', 'fake_tok_Q7rT2mZp9LxW4nVb8KcJ3hYd6FgS1aEu"'),
    );
    const list = runCli(['rules', 'list', '--rules', rules, '--rules', hostile]);
    expect(list.status).toBe(0);
    expect(list.stdout).not.toMatch(RAW_CONTROL);
    expect(list.stdout).toContain('Fake \\x1b[2J\\x0dGO token');
    const test = runCli(['rules', 'test', '--rules', hostile]);
    expect(test.status).toBe(1);
    expect(test.stderr).not.toMatch(RAW_CONTROL);
    expect(test.stderr).toContain(`FAIL ${base}/hostile\\x1b[2Jrules/r.yml: rule other-token: negative_examples[0]`);
  });
});
