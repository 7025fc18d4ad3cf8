import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import type { SecretlintRule } from './secretlint-rules.js';

// The profiler is on by default and marks every rule on every file: 4–80× slower. We never read it.
secretLintProfiler.setEnabled(false);

export interface SecretlintHit {
  rule: SecretlintRule;
  index: number;
  secret: string;
}

/** Runs the given secretlint rules over one text and returns raw hits (unmasked: mask next). */
export async function runSecretlint(rules: SecretlintRule[], text: string, path: string): Promise<SecretlintHit[]> {
  if (rules.length === 0) return [];
  const byId = new Map(rules.map((r) => [r.id, r]));
  const dot = path.lastIndexOf('.');
  const result = await lintSource({
    source: { content: text, filePath: path, ext: dot > path.lastIndexOf('/') ? path.slice(dot) : '', contentType: 'text' },
    options: { config: { rules: rules.map((r) => ({ id: r.id, rule: r.creator })) }, noPhysicFilePath: true },
  });
  return result.messages.flatMap((message) => {
    const rule = byId.get(message.ruleId);
    if (!rule || message.type !== 'message') return [];
    const [start, end] = message.range;
    // The range may span `NAME=value`, or even stop short of the value (aws); the secret is the
    // longest value the rule reported that stands at or just after the range's start.
    const values = Object.values(message.data ?? {}).filter((v): v is string => typeof v === 'string' && v.length >= 8);
    for (const value of values.sort((a, b) => b.length - a.length)) {
      const index = text.indexOf(value, start);
      if (index !== -1 && index <= end) return [{ rule, index, secret: value }];
    }
    return [{ rule, index: start, secret: text.slice(start, end) }];
  });
}
