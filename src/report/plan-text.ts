import type { MountPlan } from '../model/result.js';
import { escapeForTerminal as safe } from './escape.js';
import type { Palette } from './text.js';
import { wrap } from './wrap.js';

/** The end of the text report: what to mount, read-only or read-write, and what to leave out. */
export function formatPlan(plan: MountPlan, p: Palette): string[] {
  const lines: string[] = [];
  if (plan.mounts.length === 0) lines.push(`${p.block}Mount plan: nothing here is safe to mount.${p.reset}`);
  else {
    lines.push(`${p.bold}Mount plan${p.reset} — share ${plan.mounts.length === 1 ? 'this' : `these ${plan.mounts.length}`}, read-only unless marked rw:`);
    for (const m of plan.mounts) lines.push(`  ${p.go}${m.mode}${p.reset}  ${safe(m.path)}`);
  }
  if (plan.excluded.length > 0) {
    lines.push(`Leave out (${plan.excluded.length}):`);
    for (const e of plan.excluded) lines.push(`  ${p.block}--${p.reset}  ${safe(e.path)}`, ...wrap(safe(e.reason), '      ').map((l) => `${p.dim}${l}${p.reset}`));
  }
  lines.push(...wrap('Export it for a sandbox with `airlock plan --target TARGET` (docker, compose, devcontainer, bwrap, claude, cowork, json), or make a clean copy with `airlock stage`.', ''));
  return lines;
}
