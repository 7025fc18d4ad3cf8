import { createRuleSet } from '../engine/rule-set.js';
import { matchPath, scanContent } from '../engine/scan-file.js';
import type { CompiledRule } from './compile.js';
import type { RuleDefinition, RuleExample } from './syntax.js';

const DEFAULT_EXAMPLE_PATH = 'example.txt';

export interface ExampleFailure {
  ruleId: string;
  file: string;
  message: string;
}

type Sample = { path: string; content?: string };

function toSample(definition: RuleDefinition, example: RuleExample): Sample | string {
  if (typeof example !== 'string') return { path: example.path ?? DEFAULT_EXAMPLE_PATH, content: example.content };
  if (!definition.content) return { path: example };
  if (definition.path) return 'needs { path, content } because the rule has both matchers';
  return { path: DEFAULT_EXAMPLE_PATH, content: example };
}

async function countMatches(rule: CompiledRule, sample: Sample, useKeywordStarts = true): Promise<number> {
  const ruleSet = createRuleSet([rule], { useSecretlint: false });
  const byPath = matchPath(ruleSet, sample.path).length;
  if (sample.content === undefined) return byPath;
  const byContent = await scanContent(ruleSet, sample.path, Buffer.from(sample.content), { showSecrets: false, useKeywordStarts });
  // A value failing the rule's checksum is told as INFO, not matched: it is no credential.
  const matched = byContent.filter((f) => f.severity !== 'info' || rule.severity === 'info');
  return byPath + matched.length;
}

const preview = (example: RuleExample) => {
  const text = typeof example === 'string' ? example : (example.path ?? '') + ' ' + (example.content ?? '');
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
};

/**
 * Checks a rule against its own examples: every example must match and no negative example
 * may. A rule without examples cannot load (the schema requires them).
 */
export async function checkExamples(definition: RuleDefinition, rule: CompiledRule): Promise<ExampleFailure[]> {
  const failures: ExampleFailure[] = [];
  const report = (message: string) => failures.push({ ruleId: rule.id, file: definition.file, message });
  const cases = [
    ...definition.examples.map((example, i) => ({ example, label: `examples[${i}]`, isPositive: true })),
    ...definition.negative_examples.map((example, i) => ({ example, label: `negative_examples[${i}]`, isPositive: false })),
  ];
  for (const { example, label, isPositive } of cases) {
    const sample = toSample(definition, example);
    if (typeof sample === 'string') {
      report(`${label}: ${sample}`);
      continue;
    }
    const matches = await countMatches(rule, sample);
    // A rule tried only where its `content.starts` pass points: say so when that is what missed.
    const isMissedStart = isPositive && matches === 0 && definition.content?.starts !== undefined && (await countMatches(rule, sample, false)) > 0;
    if (isMissedStart) report(`${label} ${preview(example)} matches, but not where content.starts (${definition.content!.starts}) finds a start`);
    else if (isPositive && matches === 0) report(`${label} ${preview(example)} does not match`);
    if (!isPositive && matches > 0) report(`${label} ${preview(example)} matches but must not`);
  }
  return failures;
}
