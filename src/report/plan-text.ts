import type { MountPlan } from '../model/result.js';
import { describeOversize } from './oversize-text.js';
import { escapeForTerminal as safe } from './escape.js';
import type { Palette } from './text.js';
import { wrap } from './wrap.js';

/** How many mounts the text report lists of a plan too large to read. */
const SHOWN_WHEN_OVERSIZE = 10;

/** The end of the text report: what to mount, read-only or read-write, and what to leave out. */
export function formatPlan(plan: MountPlan, p: Palette): string[] {
  const lines: string[] = [];
  if (plan.mounts.length === 0) lines.push(`${p.block}Mount plan: nothing here is safe to mount.${p.reset}`);
  else {
    lines.push(`${p.bold}Mount plan${p.reset} — share ${plan.mounts.length === 1 ? 'this' : `these ${plan.mounts.length}`}, read-only unless marked rw:`);
    // Past the readable size the list is cut: the collapse and `airlock stage` are the plan then.
    const shown = plan.oversize ? plan.mounts.slice(0, SHOWN_WHEN_OVERSIZE) : plan.mounts;
    for (const m of shown) lines.push(`  ${p.go}${m.mode}${p.reset}  ${safe(m.path)}`);
    if (shown.length < plan.mounts.length) lines.push(`  … and ${plan.mounts.length - shown.length} more (all of them: airlock plan --target json)`);
    if (plan.oversize) lines.push(...describeOversize(plan.oversize).flatMap((text) => (text.startsWith('  ') ? [safe(text)] : wrap(safe(text), ''))).map((l) => `${p.review}${l}${p.reset}`));
  }
  if (plan.excluded.length > 0) {
    lines.push(`Leave out (${plan.excluded.length}):`);
    for (const e of plan.excluded) lines.push(`  ${p.block}--${p.reset}  ${safe(e.path)}`, ...wrap(safe(e.reason), '      ').map((l) => `${p.dim}${l}${p.reset}`));
  }
  lines.push(...wrap('Export it for a sandbox with `airlock plan --target TARGET` (docker, compose, devcontainer, bwrap, claude, cowork, json), or make a clean copy with `airlock stage`.', ''));
  return lines;
}
