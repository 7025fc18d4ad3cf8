import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADVERSARIAL_SIZE, adversarialInputs } from '../../src/rules/adversarial-inputs.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/load.js';
import { regexAtoms } from '../../src/rules/regex-atoms.js';
import type { RuleDefinition } from '../../src/rules/syntax.js';
import { runCli } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { countWorkerStarts } from '../helpers/worker-starts.js';

describe('regexAtoms: what a pattern consumes, without its structure', () => {
  it.each([
    ['(?<![A-Za-z0-9_])(?<secret>ghp_[A-Za-z0-9]{36})(?![A-Za-z0-9])', ['[A-Za-z0-9_]', 'g', 'h', 'p', '_', '[A-Za-z0-9]+', '[A-Za-z0-9]']],
    ['^[ \\t]*password[ \\t]*=\\s*(?:\\r?\\n)?', ['[ \\t]+', 'p', 'a', 's', 's', 'w', 'o', 'r', 'd', '[ \\t]+', '=', '\\s+', '\\r+', '\\n']],
    ['<(?<tag>pw|key)>(?<secret>[^<\\]]{3,})</\\k<tag>>', ['<', 'p', 'w', 'k', 'e', 'y', '>', '[^<\\]]+', '<', '/', '>']],
    ['\\bsk-\\d{2}\\x41\\u{1F600}\\p{L}\\1.', ['s', 'k', '-', '\\d+', '\\x41', '\\u{1F600}', '\\p{L}', '.']],
    ['a{2,}b{3}c{,4}(?:x+)+', ['a+', 'b+', 'c', '{', ',', '4', '}', 'x+']],
  ])('%s', (source, atoms) => {
    // "+" marks an atom under a quantifier.
    expect(regexAtoms(source).map((a) => a.text + (a.isQuantified ? '+' : ''))).toEqual(atoms);
  });
});

describe('adversarialInputs: built from the rule itself', () => {
  const rule = (pattern: string, keywords: string[], examples: string[]): RuleDefinition => ({
    id: 'sample',
    name: 'Sample',
    category: 'token',
    severity: 'block',
    description: 'd',
    remediation: 'r',
    content: { pattern, keywords },
    examples,
    negative_examples: ['x', 'y'],
    file: 'sample.yml',
  });

  it('makes long runs of each character set, keyword runs and cut examples, 1 MB each, the same every time', () => {
    const definition = rule('(?<secret>tok_[a-f0-9]{32}[ \\t]+end)', ['tok_'], ['x tok_0123456789abcdef0123456789abcdef end']);
    const inputs = adversarialInputs(definition);
    expect(inputs.map((i) => i.shape)).toEqual([
      '"tok_" then 1 MB of [a-f0-9]',
      '"tok_" then 1 MB of [ \\t]',
      // Runs of a literal's letters add nothing to the keyword runs; its "_" may.
      '"tok_" then 1 MB of _',
      '"tok_" then 1 MB of every character the pattern accepts',
      '"tok_" and 40 accepted characters, repeated to 1 MB',
      '"tok_" repeated to 1 MB',
      'examples[0] without its last character, repeated to 1 MB',
      'examples[0] cut in half, repeated to 1 MB (one per line)',
    ]);
    for (const input of inputs) expect(input.build().length).toBeGreaterThanOrEqual(ADVERSARIAL_SIZE);
    const run = inputs[0]!.build();
    expect(run.slice(4, 10_000)).toMatch(/^[a-f0-9]+$/);
    expect(new Set(run.slice(4)).size).toBe(16);
    expect(adversarialInputs(definition).map((i) => i.build())).toEqual(inputs.map((i) => i.build()));
  });

  it('covers every shipped content rule', async () => {
    const loaded = await loadRules([BUILTIN_RULES_DIR]);
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const content = loaded.value.filter((d) => d.content);
    expect(content.length).toBeGreaterThan(50);
    for (const definition of content) expect(adversarialInputs(definition).length, definition.id).toBeGreaterThanOrEqual(6);
  });
});

/** Rules that backtrack, each in its own way; and one that does not. */
const UNSAFE_RULES = `rules:
  - id: nested-quantifier
    name: Nested quantifier
    category: token
    severity: block
    description: (a+)+ before something that never comes takes 2^n steps.
    remediation: r
    content:
      pattern: '(?<secret>evil_(?:a+)+!)'
      keywords: [evil_]
    examples: ["evil_aaa!", "evil_a!"]
    negative_examples: ["evil_", "evil!"]
  - id: unanchored-run
    name: Unanchored run
    category: token
    severity: block
    description: A run the regex restarts at every position of a long line, quadratic.
    remediation: r
    content:
      pattern: '(?<secret>[a-z0-9]+_key=[a-z]{8})'
      keywords: [_key=]
    examples: ["abc_key=abcdefgh", "abc_key=hgfedcba"]
    negative_examples: ["abc_key=abc", "abc_key="]
  - id: linear-token
    name: Linear token
    category: token
    severity: block
    description: Bounded on both sides.
    remediation: r
    content:
      pattern: '(?<![A-Za-z0-9])(?<secret>lin_[A-Za-z0-9]{24})(?![A-Za-z0-9])'
      keywords: [lin_]
    examples: ["lin_Zr8kLm2QwXe5TnVbq3Jx0mYb", "lin_Qw2Zr8kLm5TnVbq3Jx0mYbXe"]
    negative_examples: ["lin_short", "lin_"]
`;

describe('airlock rules test: catastrophic backtracking', () => {
  /** One cache for this file: the first test checks the shipped rules for real and leaves its verdicts. */
  let cacheDir: string;
  beforeAll(() => void (cacheDir = mkdtempSync(join(tmpdir(), 'airlock-regex-cache-'))));
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('runs every shipped content rule over its adversarial inputs, within the budget', () => {
    const run = runCli(['rules', 'test'], { env: { AIRLOCK_CACHE_DIR: cacheDir }, timeoutMs: 300_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const list = JSON.parse(runCli(['rules', 'list', '--json']).stdout) as { id: string }[];
    const patterns = Number(/; (\d+) patterns safe from catastrophic backtracking;/.exec(run.stdout)?.[1]);
    expect(patterns).toBeGreaterThan(50);
    expect(patterns).toBeLessThan(list.length);
    // Each verdict was reached by running the inputs (nothing was remembered before).
    const { verdicts } = JSON.parse(readFileSync(join(cacheDir, 'regex-safety.json'), 'utf8')) as { verdicts: Record<string, string | null> };
    expect(Object.values(verdicts)).toEqual(Array.from({ length: patterns }, () => null));
  }, 320_000);

  it('fails each rule that backtracks, naming the rule and the input that kept it busy; exit 1', () => {
    const dir = join(useTempDir(), 'rules');
    mkdirSync(dir);
    writeFileSync(join(dir, 'unsafe.yml'), UNSAFE_RULES);
    // Each run counts the threads it starts to check patterns.
    const checkers = countWorkerStarts(join(dir, '..'), '/bundle/regex-safety-worker.js');
    const rulesTest = (timeoutMs?: number) => {
      const result = runCli(['rules', 'test', '--rules', dir], { env: { AIRLOCK_CACHE_DIR: cacheDir }, nodeArgs: checkers.nodeArgs, timeoutMs });
      return { ...result, checkers: checkers.take() };
    };
    const run = rulesTest(120_000);
    expect(run.status).toBe(1);
    expect(run.checkers).toBeGreaterThan(0);
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    const budget = String.raw`(was stopped after 2 s|took [\d.]+ s of CPU) \(budget 1 s\)`;
    expect(lines[0]).toMatch(new RegExp(String.raw`^FAIL ${dir}/unsafe\.yml: rule nested-quantifier: its pattern can backtrack catastrophically: matching "evil_" then 1 MB of .+ ${budget}$`));
    expect(lines[1]).toMatch(new RegExp(String.raw`^FAIL ${dir}/unsafe\.yml: rule unanchored-run: its pattern can backtrack catastrophically: matching .+ ${budget}$`));
    expect(run.stdout).toMatch(/; rules: \d+ passed, 2 failed\n$/);

    // The verdicts are remembered: the second run says the same without checking a pattern again.
    const again = rulesTest();
    expect(again.checkers).toBe(0);
    expect({ status: again.status, stderr: again.stderr }).toEqual({ status: 1, stderr: run.stderr });
  }, 150_000);
});
