import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli, runMain } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

/** A valid rule; each case below breaks one thing in it. */
const RULE = {
  id: 'fake-token',
  name: 'Fake token',
  category: 'token',
  severity: 'block',
  description: 'A fake token.',
  remediation: 'Rotate it.',
  content: { pattern: 'fake_tok_(?<secret>[A-Za-z0-9]{32})', keywords: ['fake_tok_'] },
  examples: ['fake_tok_Q7rT2mZp9LxW4nVb8KcJ3hYd6FgS1aEu', 'x fake_tok_Lm3Nx8Vb2Tc7Hy4Qw9Kp1Zr6Ds5Fg0Aj'],
  negative_examples: ['fake_tok_short', 'fake_tok_'],
};

type Rule = Record<string, unknown>;
const without = (key: string): Rule => Object.fromEntries(Object.entries(RULE).filter(([k]) => k !== key));

/** Writes `files` ({ name: rules }) into a fresh rule folder; returns the folder. */
function ruleFolder(files: Record<string, Rule[] | string>): string {
  const dir = join(useTempDir(), 'rules');
  mkdirSync(dir);
  for (const [name, rules] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof rules === 'string' ? rules : stringify({ rules }));
  }
  return dir;
}

const CATEGORY_LIST =
  '"private-key"|"credential-file"|"token"|"env-file"|"password"|"keystore"|"agent-credential"|"shell-history"|"git-history"|"pii"|"proprietary"|"data-dump"|"symlink-escape"';

/** [case, files, expected error lines after "<dir>/"] */
const CASES: [string, Record<string, Rule[] | string>, string[]][] = [
  ['an unknown key in a rule', { 'a.yml': [{ ...RULE, severty: 'block' }] }, ['a.yml: rule fake-token: Unrecognized key: "severty"']],
  [
    'a misspelt matcher key (the matcher is not silently off)',
    { 'a.yml': [{ ...RULE, content: { pattern: RULE.content.pattern, keyword: ['fake_tok_'] } }] },
    ['a.yml: rule fake-token: content: Unrecognized key: "keyword"', 'a.yml: rule fake-token: content.keywords: needs at least one keyword for the prefilter (only a rule whose path globs select its files may leave them out)'],
  ],
  ['an unknown top-level key', { 'a.yml': stringify({ rules: [RULE], rule: [] }) }, ['a.yml: (file): Unrecognized key: "rule"']],
  [
    'a bad regex',
    { 'a.yml': [{ ...RULE, content: { ...RULE.content, pattern: 'fake_tok_(?<secret>[A-Z' } }] },
    ['a.yml: rule fake-token: content.pattern: Invalid regular expression: /fake_tok_(?<secret>[A-Z/g: Unterminated character class'],
  ],
  [
    'a bad regex in allow',
    { 'a.yml': [{ ...RULE, content: { ...RULE.content, allow: ['ok', '(unclosed'] } }] },
    ['a.yml: rule fake-token: content.allow[1]: Invalid regular expression: /(unclosed/i: Unterminated group'],
  ],
  [
    'a pattern without a secret group',
    { 'a.yml': [{ ...RULE, content: { ...RULE.content, pattern: 'fake_tok_([A-Za-z0-9]{32})' } }] },
    ['a.yml: rule fake-token: content.pattern: needs a named group (?<secret>…) around the secret'],
  ],
  ['missing examples', { 'a.yml': [without('examples')] }, ['a.yml: rule fake-token: examples: Invalid input: expected array, received undefined']],
  ['an empty examples list', { 'a.yml': [{ ...RULE, examples: [] }] }, ['a.yml: rule fake-token: examples: needs at least two examples']],
  ['missing negative examples', { 'a.yml': [{ ...RULE, negative_examples: [] }] }, ['a.yml: rule fake-token: negative_examples: needs at least two negative examples (near misses)']],
  ['a bad category', { 'a.yml': [{ ...RULE, category: 'tokens' }] }, [`a.yml: rule fake-token: category: Invalid option: expected one of ${CATEGORY_LIST}`]],
  ['a bad severity', { 'a.yml': [{ ...RULE, severity: 'high' }] }, ['a.yml: rule fake-token: severity: Invalid option: expected one of "block"|"review"|"info"']],
  ['a malformed id', { 'a.yml': [{ ...RULE, id: 'Fake_Token' }] }, ['a.yml: rule Fake_Token: id: must be lower-case words joined by "-" (e.g. github-pat)']],
  ['a rule without an id, named by its position', { 'a.yml': [RULE, without('id')] }, ['a.yml: rule #2: id: Invalid input: expected string, received undefined']],
  ['a rule with no matcher', { 'a.yml': [without('content')] }, ['a.yml: rule fake-token: path: needs a path or a content matcher']],
  ['no keywords for the prefilter', { 'a.yml': [{ ...RULE, content: { ...RULE.content, keywords: [] } }] }, ['a.yml: rule fake-token: content.keywords: needs at least one keyword for the prefilter']],
  ['a bad regex flag', { 'a.yml': [{ ...RULE, content: { ...RULE.content, flags: 'gx' } }] }, ['a.yml: rule fake-token: content.flags: may only hold the flags i, m, s and u']],
  ['a duplicate id across two files', { 'a.yml': [RULE], 'b.yml': [RULE] }, ['b.yml: rule fake-token: id: already defined in {dir}/a.yml']],
  ['a duplicate id within one file', { 'a.yml': [RULE, RULE] }, ['a.yml: rule fake-token: id: already defined in {dir}/a.yml']],
  ['a file that is not YAML', { 'a.yml': 'rules: [unclosed\n' }, ['a.yml: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1:']],
  ['an empty file', { 'a.yml': '' }, ['a.yml: (file): Invalid input: expected object, received null']],
];

/** The cases the issue names; these run through `scan` as well as `rules test`. */
const SCAN_CASES = new Set(['an unknown key in a rule', 'a bad regex', 'a pattern without a secret group', 'missing examples', 'a bad category', 'a duplicate id across two files']);

describe('loading a bad rule folder', () => {
  describe.each(CASES)('%s', (name, files, expected) => {
    const commands = [{ label: 'rules test', how: 'main()', args: (dir: string) => ['rules', 'test', '--rules', dir] }];
    if (SCAN_CASES.has(name)) {
      commands.push(
        { label: 'rules test', how: 'the built CLI', args: (dir: string) => ['rules', 'test', '--rules', dir] },
        { label: 'scan', how: 'the built CLI', args: (dir: string) => ['scan', '--rules', dir, dir] },
      );
    }
    it.each(commands)('`$label --rules DIR` through $how prints one line per problem, naming file, rule and field, and exits 2', async ({ how, args }) => {
      const dir = ruleFolder(files);
      const run = how === 'main()' ? await runMain(args(dir)) : runCli(args(dir));
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(expected.map((line) => `airlock: ${dir}/${line.replaceAll('{dir}', dir)}\n`).join(''));
    });
  });

  it('names a duplicate of a shipped rule with the shipped file', () => {
    const dir = ruleFolder({ 'a.yml': [{ ...RULE, id: 'private-key-pem' }] });
    const run = runCli(['rules', 'test', '--rules', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`airlock: ${dir}/a.yml: rule private-key-pem: id: already defined in rules/private-keys.yml\n`);
  });

  it('reports the problems of every file, not only the first', async () => {
    const dir = ruleFolder({ 'a.yml': [{ ...RULE, category: 'tokens' }], 'b.yml': [{ ...RULE, id: 'other-token', severity: 'high' }] });
    const run = await runMain(['rules', 'list', '--rules', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `airlock: ${dir}/a.yml: rule fake-token: category: Invalid option: expected one of ${CATEGORY_LIST}\n` +
        `airlock: ${dir}/b.yml: rule other-token: severity: Invalid option: expected one of "block"|"review"|"info"\n`,
    );
  });

  it.each([
    ['a folder that does not exist', (dir: string) => join(dir, 'missing'), 'ENOENT: cannot read rules folder'],
    ['a file instead of a folder', (dir: string) => join(dir, 'a.yml'), 'not a folder of rules'],
  ])('rejects %s with exit 2', (_, pick, message) => {
    const dir = ruleFolder({ 'a.yml': [RULE] });
    const target = pick(dir);
    for (const args of [['rules', 'test', '--rules', target], ['scan', '--rules', target, dir]]) {
      const run = runCli(args);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`airlock: ${target}: ${message}\n`);
    }
  });

  it('ignores files that are not *.yml or *.yaml', () => {
    const dir = ruleFolder({ 'a.yml': [RULE], 'b.yaml': [{ ...RULE, id: 'other-token' }], 'notes.txt': 'not a rule', 'c.yml.bak': 'rules: [' });
    const run = runCli(['rules', 'list', '--json', '--rules', dir]);
    expect(run.status).toBe(0);
    const ids = (JSON.parse(run.stdout) as { id: string }[]).map((r) => r.id);
    expect(ids.slice(-2)).toEqual(['fake-token', 'other-token']);
  });
});
