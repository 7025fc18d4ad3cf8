import { describe, expect, it } from 'vitest';
import { checkExamples } from '../../src/rules/check-examples.js';
import { compileRule } from '../../src/rules/compile.js';
import type { RuleDefinition } from '../../src/rules/syntax.js';

const TOKEN = 'fake_tok_Q7rT2mZp9LxW4nVb8KcJ3hYd6FgS1aEu';

const contentRule: RuleDefinition = {
  file: 'rules/fake.yml',
  id: 'fake-token',
  name: 'Fake token',
  category: 'token',
  severity: 'block',
  description: 'A fake token.',
  remediation: 'Rotate it.',
  content: { pattern: 'fake_tok_(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9])', keywords: ['fake_tok_'] },
  examples: [`token: ${TOKEN}`],
  negative_examples: ['token: fake_tok_short'],
};

const pathRule: RuleDefinition = {
  file: 'rules/fake.yml',
  id: 'fake-key-file',
  name: 'Fake key file',
  category: 'private-key',
  severity: 'block',
  description: 'A fake key file.',
  remediation: 'Move it.',
  path: { include: ['**/*.fakekey'], exclude: ['**/public/**'] },
  examples: ['id.fakekey', 'a/b/deploy.fakekey'],
  negative_examples: ['id.fakekey.pub', 'keys/public/id.fakekey'],
};

const bothRule: RuleDefinition = {
  ...contentRule,
  id: 'fake-env-token',
  path: { include: ['**/.env'] },
  examples: [{ path: 'app/.env', content: `TOKEN=${TOKEN}` }],
  negative_examples: [{ path: 'app/notes.txt', content: `TOKEN=${TOKEN}` }, { path: 'app/.env', content: 'TOKEN=' }],
};

async function check(definition: RuleDefinition) {
  const compiled = compileRule(definition);
  if (!compiled.ok) throw new Error(compiled.errors.join('; '));
  return checkExamples(definition, compiled.value);
}

const failure = (ruleId: string, message: string) => ({ ruleId, file: 'rules/fake.yml', message });

describe('checkExamples', () => {
  it.each([
    ['a content rule', contentRule],
    ['a path rule', pathRule],
    ['a rule with both matchers, examples as { path, content }', bothRule],
  ])('passes %s whose examples are right', async (_, definition) => {
    expect(await check(definition)).toEqual([]);
  });

  it.each([
    [
      'an example that does not match',
      { ...contentRule, examples: [`token: ${TOKEN}`, 'token: fake_tok_tooShort'] },
      [failure('fake-token', 'examples[1] "token: fake_tok_tooShort" does not match')],
    ],
    [
      'a negative example that matches',
      { ...contentRule, negative_examples: ['token: fake_tok_short', `other: ${TOKEN}`] },
      [failure('fake-token', `negative_examples[1] "other: ${TOKEN}" matches but must not`)],
    ],
    [
      'an example the placeholder filter drops (it would never fire in a scan)',
      { ...contentRule, examples: ['token: fake_tok_EXAMPLEexampleEXAMPLEexampleEXAMPLE'] },
      [failure('fake-token', 'examples[0] "token: fake_tok_EXAMPLEexampleEXAMPLEexampleEXAMPLE" does not match')],
    ],
    [
      'an example whose keyword is missing (the prefilter skips it)',
      { ...contentRule, content: { ...contentRule.content!, keywords: ['fake_token_'] } },
      [failure('fake-token', `examples[0] "token: ${TOKEN}" does not match`)],
    ],
    [
      'path examples that miss and a negative path that matches',
      { ...pathRule, examples: ['id.fakekey', 'id.fakekey.bak'], negative_examples: ['keys/id.fakekey'] },
      [
        failure('fake-key-file', 'examples[1] "id.fakekey.bak" does not match'),
        failure('fake-key-file', 'negative_examples[0] "keys/id.fakekey" matches but must not'),
      ],
    ],
    [
      'a plain-string example on a rule with both matchers',
      { ...bothRule, examples: [`TOKEN=${TOKEN}`] },
      [failure('fake-env-token', 'examples[0]: needs { path, content } because the rule has both matchers')],
    ],
    [
      'an example with the right content at a path the rule does not cover',
      { ...bothRule, examples: [{ path: 'x.txt', content: TOKEN }] },
      [failure('fake-env-token', `examples[0] "x.txt ${TOKEN}" does not match`)],
    ],
    [
      'a long failing example, shown cut to 60 characters',
      { ...contentRule, examples: [`${'filler '.repeat(20)}fake_tok_short`] },
      [failure('fake-token', `examples[0] ${JSON.stringify(`${'filler '.repeat(20).slice(0, 57)}...`)} does not match`)],
    ],
  ] as [string, RuleDefinition, ReturnType<typeof failure>[]][])('reports %s', async (_, definition, expected) => {
    expect(await check(definition)).toEqual(expected);
  });

  it('says when an example matches but not where the rule\'s content.starts pass points', async () => {
    // Twelve words of the BIP-39 list in a row would be found; this pattern matches the last of
    // eleven list words behind a word that breaks the run, where the pass points nowhere.
    const words = 'relax decide stereo puzzle escape bomb economy invest stool faint attack';
    const definition: RuleDefinition = {
      ...contentRule,
      id: 'fake-words',
      // A rule without keywords runs only on the files its path takes.
      path: { include: ['**/*.txt'] },
      content: { pattern: '(?<secret>attack)', starts: 'bip39-phrase' },
      examples: [{ path: 'a.txt', content: `${words}\n` }, { path: 'b.txt', content: `${words} impulse\n` }],
      negative_examples: [{ path: 'c.txt', content: 'nothing here\n' }, { path: 'd.txt', content: 'attic\n' }],
    };
    const messages = (await check(definition)).map((f) => f.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^examples\[0\] "a\.txt relax decide.*" matches, but not where content\.starts \(bip39-phrase\) finds a start$/);
  });

  it('reports every failing case of a rule, not only the first', async () => {
    const definition = { ...contentRule, examples: ['a', 'b'], negative_examples: [TOKEN, `x ${TOKEN}`] };
    expect((await check(definition)).map((f) => f.message)).toEqual([
      'examples[0] "a" does not match',
      'examples[1] "b" does not match',
      `negative_examples[0] "${TOKEN}" matches but must not`,
      `negative_examples[1] "x ${TOKEN}" matches but must not`,
    ]);
  });
});
