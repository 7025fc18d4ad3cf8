import type { SecretlintRule } from './secretlint-rules.js';

async function loadSecretlint() {
  const [core, preset, profiler] = await Promise.all([
    import('@secretlint/core'),
    import('@secretlint/secretlint-rule-preset-recommend'),
    import('@secretlint/profiler'),
  ]);
  // The profiler is on by default and marks every rule on every file: 4–80× slower. We never read it.
  profiler.secretLintProfiler.setEnabled(false);
  return { lintSource: core.lintSource, creators: new Map(preset.rules.map((rule) => [rule.meta.id, rule])) };
}

/** Loaded on first use: most runs (and most commits) never need secretlint's code at all. */
let secretlint: ReturnType<typeof loadSecretlint> | undefined;

export interface SecretlintHit {
  rule: SecretlintRule;
  index: number;
  secret: string;
  /** The whole range secretlint reported (a PEM block, `NAME=value`…). */
  range: { start: number; end: number };
}

/** Runs the given secretlint rules over one text and returns raw hits (unmasked: mask next). */
export async function runSecretlint(rules: SecretlintRule[], text: string, path: string): Promise<SecretlintHit[]> {
  if (rules.length === 0) return [];
  secretlint ??= loadSecretlint();
  const { lintSource, creators } = await secretlint;
  const byId = new Map(rules.map((r) => [r.id, r]));
  const dot = path.lastIndexOf('.');
  const result = await lintSource({
    source: { content: text, filePath: path, ext: dot > path.lastIndexOf('/') ? path.slice(dot) : '', contentType: 'text' },
    options: {
      config: { rules: rules.flatMap((r) => (creators.has(r.id) ? [{ id: r.id, rule: creators.get(r.id)! }] : [])) },
      noPhysicFilePath: true,
    },
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
      if (index !== -1 && index <= end) return [{ rule, index, secret: value, range: { start, end: Math.max(end, index + value.length) } }];
    }
    return [{ rule, index: start, secret: text.slice(start, end), range: { start, end } }];
  });
}
