import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { COLLAPSE_MODES } from '../mount/collapse-plan.js';
import { checkDestinationBase } from '../mount/destinations.js';
import { MASKING_TARGETS, oversizeOf } from '../mount/oversize.js';
import type { Plan } from '../mount/plan.js';
import { renderForTarget, type TargetPlan } from '../mount/render-for-target.js';
import { TARGET_SPECS, TARGETS, isTarget, type Target } from '../mount/targets.js';
import { planScan } from '../pipeline/plan-scan.js';
import { scan } from '../pipeline/scan.js';
import { escapeForTerminal as safe } from '../report/escape.js';
import { describeOversize } from '../report/oversize-text.js';
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
      collapse: { type: 'string' },
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
  const collapse = pick(values.collapse, COLLAPSE_MODES, '--collapse', 'auto');
  if (collapse === 'always' && !spec.canMask) throw new UsageError(`--collapse always does not apply to ${target}: it cannot hide a path inside a mount`);

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
  const shaped = renderForTarget(planned.value, target, { rw: rw.map((p) => resolve(p)), collapse, dest: values.dest });
  if (!shaped.ok) return printErrors(shaped.errors, io);

  for (const notice of result.value.notices) io.err(`airlock: ${notice}\n`);
  io.out(shaped.value.rendering.text);
  io.err(`airlock: ${VERDICT_LABEL[result.value.verdict]} scan; plan for ${target}: ${summarize(shaped.value, target)}\n`);
  for (const e of shaped.value.plan.excluded) io.err(`  - ${safe(e.path)}: ${safe(e.reason)}\n`);
  for (const line of sizeNotes(planned.value, shaped.value, target)) io.err(`airlock: ${safe(line)}\n`);
  for (const [by, count] of countSuppressions(result.value)) io.err(`airlock: ${count} suppressed finding${count === 1 ? '' : 's'} (${safe(by)}) not kept out of the plan\n`);
  for (const note of shaped.value.rendering.notes) io.err(`airlock: ${note}\n`);
  return shaped.value.plan.mounts.length > 0 ? EXIT.go : EXIT.noGo;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `2 mounts (all read-only), 3 left out`, and for a collapse `1 mount (all read-only) with 7 masks, 7 left out (collapsed from 612 mounts)`. */
function summarize({ plan, collapsedFrom }: TargetPlan, target: Target): string {
  const writable = plan.mounts.filter((m) => m.mode === 'rw').length;
  const modes = !TARGET_SPECS[target].hasReadOnly ? 'all writable: no read-only choice' : writable > 0 ? `${writable} read-write` : 'all read-only';
  const masks = plan.masks?.length ? ` with ${plural(plan.masks.length, 'mask')}` : '';
  const from = collapsedFrom === undefined ? '' : ` (collapsed from ${plural(collapsedFrom, 'mount')})`;
  return `${plural(plan.mounts.length, 'mount')} (${modes})${masks}, ${plan.excluded.length} left out${from}`;
}

/** What to say about the plan's size: too many mounts to check, what was done about it, and `airlock stage`. */
function sizeNotes(split: Plan, shaped: TargetPlan, target: Target): string[] {
  const oversize = oversizeOf(split);
  const stage = oversize && oversize.stage.length > 0 ? [`or mount a sanitized copy instead: ${oversize.stage.join('; ')}`] : [];
  const kept = shaped.keptSplit.map((k) => `${k.root} stays split: ${k.reason}`);
  if (shaped.collapsedFrom !== undefined) {
    const why = oversize ? `${plural(split.mounts.length, 'mount')} is more than a person can check (${oversize.limit} at most), so` : 'with --collapse always,';
    return [`${why} each folder is mounted whole and the ${plural(shaped.plan.masks?.length ?? 0, 'flagged path')} in it ${shaped.plan.masks?.length === 1 ? 'is' : 'are'} masked (--collapse never lists every mount)`, ...kept, ...stage];
  }
  if (!oversize) return kept;
  const instead = TARGET_SPECS[target].canMask ? [] : [`${target} cannot mask a path; --target ${MASKING_TARGETS.join('|')} would mount the folder whole with ${plural(oversize.collapsed.masks, 'masked path')}`];
  return [describeOversize(oversize)[0]!, ...kept, ...instead, ...stage];
}
