import { parseArgs } from 'node:util';
import { checkDestinationBase, rootDestinations } from '../mount/destinations.js';
import { RENDERERS } from '../mount/renderers.js';
import { TARGET_SPECS, TARGETS, isTarget } from '../mount/targets.js';
import { planScan } from '../pipeline/plan-scan.js';
import { scan } from '../pipeline/scan.js';
import { escapeForTerminal as safe } from '../report/escape.js';
import type { ScanResult, Verdict } from '../model/result.js';
import type { Io } from './io.js';
import { PLAN_HELP } from './help-text.js';
import { pick, readScanInputs, SCAN_INPUT_OPTIONS } from './scan-inputs.js';
import { EXIT, UsageError } from './usage-error.js';

export const ACCEPT_LEVELS = ['review'] as const;


export const VERDICT_LABEL = { go: 'GO', review: 'REVIEW', incomplete: 'INCOMPLETE', 'no-go': 'NO-GO' } as const satisfies Record<Verdict, string>;

/** Suppressed findings by source: the plan mounts what they accepted, so the user is told where from. */
export function countSuppressions(result: ScanResult): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of result.suppressed) counts.set(s.by, (counts.get(s.by) ?? 0) + 1);
  return counts;
}

function printErrors(errors: string[], io: Io): number {
  for (const error of errors) io.err(`airlock: ${safe(error)}\n`);
  return EXIT.usage;
}

export async function runPlan(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      target: { type: 'string' },
      rw: { type: 'string', multiple: true },
      accept: { type: 'string' },
      dest: { type: 'string' },
      ...SCAN_INPUT_OPTIONS,
      'no-history': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(PLAN_HELP);
    return EXIT.go;
  }
  if (values.target === undefined) throw new UsageError(`--target is required: one of ${TARGETS.join(', ')}`);
  if (!isTarget(values.target)) throw new UsageError(`--target must be one of ${TARGETS.join(', ')}, not "${values.target}"`);
  const target = values.target;
  const spec = TARGET_SPECS[target];
  const acceptReview = values.accept !== undefined && pick(values.accept, ACCEPT_LEVELS, '--accept', 'review') === 'review';
  const rw = values.rw ?? [];
  if (rw.length > 0 && !spec.hasReadOnly) throw new UsageError(`--rw does not apply to ${target}: every folder it is given is writable`);
  if (values.dest !== undefined && spec.defaultDest === undefined) throw new UsageError(`--dest does not apply to ${target}: it uses the folders where they are`);
  const destError = values.dest === undefined ? undefined : checkDestinationBase(values.dest);
  if (destError) throw new UsageError(destError);

  const inputs = await readScanInputs(values);
  if (!inputs.ok) return printErrors(inputs.errors, io);
  const result = await scan({
    ...inputs.value,
    roots: positionals.length > 0 ? positionals : ['.'],
    showSecrets: false,
    history: !values['no-history'],
  });
  if (!result.ok) return printErrors(result.errors, io);
  const planned = planScan(result.value, { acceptReview, rw, canMountFiles: spec.canMountFiles });
  if (!planned.ok) return printErrors(planned.errors, io);
  const plan = planned.value;
  const base = (values.dest ?? spec.defaultDest ?? '/').replace(/\/+$/, '');
  const rendered = RENDERERS[target]({ plan, destinations: rootDestinations(plan.roots, base) });
  if (!rendered.ok) return printErrors(rendered.errors, io);

  for (const notice of result.value.notices) io.err(`airlock: ${notice}\n`);
  io.out(rendered.value.text);
  const { mounts, excluded } = plan;
  const writable = mounts.filter((m) => m.mode === 'rw').length;
  const modes = !spec.hasReadOnly ? 'all writable: no read-only choice' : writable > 0 ? `${writable} read-write` : 'all read-only';
  io.err(`airlock: ${VERDICT_LABEL[result.value.verdict]} scan; plan for ${target}: ${mounts.length} mount${mounts.length === 1 ? '' : 's'} (${modes}), ${excluded.length} left out\n`);
  for (const e of excluded) io.err(`  - ${safe(e.path)}: ${safe(e.reason)}\n`);
  for (const [by, count] of countSuppressions(result.value)) io.err(`airlock: ${count} suppressed finding${count === 1 ? '' : 's'} (${safe(by)}) not kept out of the plan\n`);
  for (const note of rendered.value.notes) io.err(`airlock: ${note}\n`);
  return mounts.length > 0 ? EXIT.go : EXIT.noGo;
}
