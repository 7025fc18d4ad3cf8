import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { escapeForTerminal as safe } from '../report/escape.js';
import { compileRules } from '../rules/compile.js';
import { checkExamples } from '../rules/check-examples.js';
import { BUILTIN_RULES_DIR, loadRules } from '../rules/load.js';
import { RULES_HELP } from './help-text.js';
import type { Io } from './io.js';
import { EXIT, UsageError } from './usage-error.js';


export async function runRules(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { rules: { type: 'string', multiple: true }, json: { type: 'boolean' }, 'no-cache': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  const [action, ...extra] = positionals;
  if (values.help || action === undefined) {
    io.out(RULES_HELP);
    return values.help ? EXIT.go : EXIT.usage;
  }
  if (extra.length > 0 || (action !== 'list' && action !== 'test')) throw new UsageError(`unknown rules action "${positionals.join(' ')}" (use list or test)`);
  const definitions = await loadRules([BUILTIN_RULES_DIR, ...(values.rules ?? [])]);
  const compiled = definitions.ok ? compileRules(definitions.value) : definitions;
  if (!definitions.ok || !compiled.ok) {
    for (const error of definitions.ok ? (compiled.ok ? [] : compiled.errors) : definitions.errors) io.err(`airlock: ${safe(error)}\n`);
    return EXIT.usage;
  }
  if (action === 'list') {
    if (values.json) {
      io.out(`${JSON.stringify(definitions.value.map(({ id, name, provider, category, severity, file }) => ({ id, name, provider, category, severity, file })), null, 2)}\n`);
    } else {
      for (const d of definitions.value) io.out(`${d.id.padEnd(34)} ${d.severity.padEnd(6)} ${d.category.padEnd(17)} ${safe(d.name)}\n`);
      const providers = new Set(definitions.value.flatMap((d) => (d.provider ? [d.provider] : [])));
      io.out(`${definitions.value.length} rules, ${providers.size} providers\n`);
    }
    return EXIT.go;
  }
  // Patterns first, in worker threads under a time budget: a pattern that backtracks
  // catastrophically could hang even on its own examples, which run on this thread.
  const { checkRegexSafety } = await import('../pipeline/regex-safety.js');
  const { cacheFolderFor } = await import('../pipeline/cache-dir.js');
  const safety = await checkRegexSafety(definitions.value, { jobs: availableParallelism(), cache: values['no-cache'] ? undefined : cacheFolderFor([]) });
  const unsafe = new Set(safety.map((f) => f.ruleId));
  let failed = 0;
  let examples = 0;
  for (const [i, definition] of definitions.value.entries()) {
    examples += definition.examples.length + definition.negative_examples.length;
    const failures = [...safety.filter((f) => f.ruleId === definition.id)];
    if (!unsafe.has(definition.id)) failures.push(...(await checkExamples(definition, compiled.value[i]!)));
    for (const f of failures) io.err(`FAIL ${safe(f.file)}: rule ${f.ruleId}: ${safe(f.message)}\n`);
    if (failures.length > 0) failed++;
  }
  const passed = definitions.value.length - failed;
  const patterns = definitions.value.filter((d) => d.content && !unsafe.has(d.id)).length;
  io.out(`${examples} examples checked; ${patterns} patterns safe from catastrophic backtracking; rules: ${passed} passed, ${failed} failed\n`);
  return failed > 0 ? EXIT.noGo : EXIT.go;
}
