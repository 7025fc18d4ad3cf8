import { homedir } from 'node:os';
import { parseArgs } from 'node:util';
import { VERSION } from '../model/version.js';
import { escapeForTerminal as safe } from '../report/escape.js';
import { FORMATS, rendererFor, type Format } from '../report/formats.js';
import { parseFailOn, shouldFail } from './fail-on.js';
import { AUDIT_HELP } from './help-text.js';
import type { Io } from './io.js';
import { createProgressLine } from './progress.js';
import { pick, readScanInputs, SCAN_INPUT_OPTIONS } from './scan-inputs.js';
import { EXIT, UsageError } from './usage-error.js';

export async function runAuditCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      home: { type: 'string' },
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      ...SCAN_INPUT_OPTIONS,
      'include-caches': { type: 'boolean' },
      'show-secrets': { type: 'boolean' },
      'no-history': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(AUDIT_HELP);
    return EXIT.go;
  }
  if (positionals.length > 0) throw new UsageError(`audit takes no paths (use --home DIR), not "${positionals[0]}"`);
  const format: Format = pick(values.format, FORMATS, '--format', 'text');
  const failOn = parseFailOn(values['fail-on']);
  const inputs = await readScanInputs(values);
  if (!inputs.ok) {
    for (const error of inputs.errors) io.err(`airlock: ${safe(error)}\n`);
    return EXIT.usage;
  }
  const progress = io.isErrTerminal ? createProgressLine(io.err) : undefined;
  const { runAudit } = await import('../audit/run-audit.js');
  const result = await runAudit({
    ...inputs.value,
    home: values.home ?? homedir(),
    includeCaches: values['include-caches'] ?? false,
    showSecrets: values['show-secrets'] ?? false,
    history: !values['no-history'],
    onProgress: progress ? (p) => progress.update(p) : undefined,
  });
  progress?.clear();
  if (!result.ok) {
    for (const error of result.errors) io.err(`airlock: ${safe(error)}\n`);
    return EXIT.usage;
  }
  for (const notice of result.value.notices) io.err(`airlock: ${safe(notice)}\n`);
  const isColor = format === 'text' && io.isTerminal && !io.env.NO_COLOR;
  for (const piece of (await rendererFor(format))(result.value, { version: VERSION, isColor })) io.out(piece);
  return shouldFail(result.value, failOn) ? EXIT.noGo : EXIT.go;
}
