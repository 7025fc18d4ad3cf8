import { parseArgs } from 'node:util';
import { escapeForTerminal as safe } from '../report/escape.js';
import { parseFailOn, shouldFail } from './fail-on.js';
import type { Io } from './io.js';
import { readScanInputs, SCAN_INPUT_OPTIONS } from './scan-inputs.js';
import { EXIT } from './usage-error.js';

/** Exit code after Ctrl+C (128 + SIGINT), as shells report it. */
const EXIT_INTERRUPTED = 130;

/**
 * `airlock [PATH...]` on a terminal: the TUI. It takes the scan's flags except the plain-only
 * ones (see tui-choice.ts); the exit code follows --fail-on as for `airlock scan`, also after
 * an export.
 */
export async function runTuiCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'fail-on': { type: 'string' },
      ...SCAN_INPUT_OPTIONS,
      'show-secrets': { type: 'boolean' },
      'no-history': { type: 'boolean' },
    },
  });
  const failOn = parseFailOn(values['fail-on']);
  const inputs = await readScanInputs(values);
  if (!inputs.ok) {
    for (const error of inputs.errors) io.err(`airlock: ${safe(error)}\n`);
    return EXIT.usage;
  }
  // The only place that loads the TUI (and so React and ink).
  const tui = await import('../tui/index.js');
  const outcome = await tui.runTui({
    scan: {
      ...inputs.value,
      showSecrets: values['show-secrets'] ?? false,
      roots: positionals.length > 0 ? positionals : ['.'],
      history: !values['no-history'],
    },
  });
  switch (outcome.kind) {
    case 'interrupted':
      io.err('airlock: interrupted\n');
      // A scan still running in worker threads would keep the process alive.
      return process.exit(EXIT_INTERRUPTED);
    case 'failed':
      for (const error of outcome.errors) io.err(`airlock: ${safe(error)}\n`);
      return EXIT.usage;
    case 'quit':
    case 'export': {
      const { result } = outcome;
      for (const notice of result.notices) io.err(`airlock: ${safe(notice)}\n`);
      io.err(`airlock: ${tui.summaryText(result)}\n`);
      if (outcome.kind === 'export') {
        if (!outcome.exported.ok) {
          for (const error of outcome.exported.errors) io.err(`airlock: ${safe(error)}\n`);
          return EXIT.usage;
        }
        const { target, plan, rendering } = outcome.exported.value;
        io.out(rendering.text);
        io.err(`airlock: plan for ${target}: ${plan.mounts.length} mount${plan.mounts.length === 1 ? '' : 's'}, ${plan.excluded.length} left out\n`);
        for (const e of plan.excluded) io.err(`  - ${safe(e.path)}: ${safe(e.reason)}\n`);
        for (const note of rendering.notes) io.err(`airlock: ${note}\n`);
      }
      return shouldFail(result, failOn) ? EXIT.noGo : EXIT.go;
    }
  }
}
