import type { MountPlan } from '../model/result.js';
import { describeOversize } from './oversize-text.js';
import { escapeForTerminal as safe } from './escape.js';
import type { Palette } from './text.js';
import { wrap } from './wrap.js';

/** How many mounts, and left-out entries, the text report lists of a plan too large to read. */
const SHOWN_WHEN_OVERSIZE = 10;

const more = (shown: number, all: number) => (shown < all ? [`  … and ${all - shown} more (all of them: airlock plan --target json)`] : []);

/**
 * The end of the text report: what to mount, read-only or read-write, and what to leave out.
 * Past the readable size both lists are cut to their first entries (the findings above name
 * every flagged file) and the plan ends with what to do instead: the collapse, `airlock stage`.
 */
export function formatPlan(plan: MountPlan, p: Palette): string[] {
  const lines: string[] = [];
  const cut = <T>(list: T[]) => (plan.oversize ? list.slice(0, SHOWN_WHEN_OVERSIZE) : list);
  if (plan.mounts.length === 0) lines.push(`${p.block}Mount plan: nothing here is safe to mount.${p.reset}`);
  else {
    lines.push(`${p.bold}Mount plan${p.reset} — share ${plan.mounts.length === 1 ? 'this' : `these ${plan.mounts.length}`}, read-only unless marked rw:`);
    const shown = cut(plan.mounts);
    for (const m of shown) lines.push(`  ${p.go}${m.mode}${p.reset}  ${safe(m.path)}`);
    lines.push(...more(shown.length, plan.mounts.length));
  }
  if (plan.excluded.length > 0) {
    lines.push(`Leave out (${plan.excluded.length}):`);
    const shown = cut(plan.excluded);
    for (const e of shown) lines.push(`  ${p.block}--${p.reset}  ${safe(e.path)}`, ...wrap(safe(e.reason), '      ').map((l) => `${p.dim}${l}${p.reset}`));
    lines.push(...more(shown.length, plan.excluded.length));
  }
  if (plan.oversize) {
    const words = describeOversize(plan.oversize).flatMap((text) => (text.startsWith('  ') ? [safe(text)] : wrap(safe(text), '')));
    lines.push(...words.map((l) => `${p.review}${l}${p.reset}`));
  }
  lines.push(...wrap('Export it for a sandbox with `airlock plan --target TARGET` (docker, compose, devcontainer, bwrap, claude, cowork, json), or make a clean copy with `airlock stage`.', ''));
  return lines;
}
