import { parseArgs } from 'node:util';
import { escapeForTerminal as safe } from '../report/escape.js';
import { FORMATS, rendererFor, type Format } from '../report/formats.js';
import type { Io } from './io.js';
import { restartWhenLarge } from './allocator.js';
import { createProgressLine } from './progress.js';
import { pick, readScanInputs, SCAN_INPUT_OPTIONS } from './scan-inputs.js';
import { parseFailOn, shouldFail } from './fail-on.js';
import { EXIT, UsageError } from './usage-error.js';
import { VERSION } from '../model/version.js';


export async function runScan(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      ...SCAN_INPUT_OPTIONS,
      'show-secrets': { type: 'boolean' },
      staged: { type: 'boolean' },
      'no-history': { type: 'boolean' },
      // `airlock PATH --no-tui` lands here: the plain scan is what it asks for.
      'no-tui': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out((await import('./help-text.js')).SCAN_HELP);
    return EXIT.go;
  }
  const format: Format = pick(values.format, FORMATS, '--format', 'text');
  const failOn = parseFailOn(values['fail-on']);
  const progress = io.isErrTerminal && !values.staged ? createProgressLine(io.err) : undefined;
  const inputs = await readScanInputs(values);
  if (!inputs.ok) {
    for (const error of inputs.errors) io.err(`airlock: ${safe(error)}\n`);
    return EXIT.usage;
  }
  const showSecrets = values['show-secrets'] ?? false;
  if (values.staged && values.exclude) throw new UsageError('--exclude does not apply to --staged (use pathspecs)');
  // Only the pipeline this run needs is loaded: --staged never loads the folder walker.
  const result = values.staged
    ? await (await import('../pipeline/scan-staged.js')).scanStaged({ ...inputs.value, showSecrets, cwd: process.cwd(), pathspecs: positionals, onLargeCommit: restartWhenLarge })
    : await (await import('../pipeline/scan.js')).scan({
        ...inputs.value,
        showSecrets,
        onProgress: progress ? (p) => progress.update(p) : undefined,
        roots: positionals.length > 0 ? positionals : ['.'],
        history: !values['no-history'],
      });
  progress?.clear();
  if (!result.ok) {
    for (const error of result.errors) io.err(`airlock: ${safe(error)}\n`);
    return EXIT.usage;
  }
  if (!values.staged) {
    const { planScan } = await import('../pipeline/plan-scan.js');
    const plan = planScan(result.value, { acceptReview: false, rw: [], canMountFiles: true });
    if (plan.ok) result.value.plan = (await import('../mount/plan.js')).toMountPlan(plan.value);
    else result.value.notices.push(`no mount plan: ${plan.errors.join('; ')}`);
  }
  for (const notice of result.value.notices) io.err(`airlock: ${safe(notice)}\n`);
  const isColor = format === 'text' && io.isTerminal && !io.env.NO_COLOR;
  for (const piece of (await rendererFor(format))(result.value, { version: VERSION, isColor })) io.out(piece);
  return shouldFail(result.value, failOn) ? EXIT.noGo : EXIT.go;
}
