import { oversizeOf } from '../mount/oversize.js';
import { describeOversize } from '../report/oversize-text.js';
import type { Plan } from '../mount/plan.js';
import { escapeForTerminal as safe } from '../report/escape.js';
import { seg, type Line } from './line.js';

/**
 * The mount plan pane: the mounts, then what is left out and why. The cursor moves over both
 * (a left-out entry cannot be toggled, but it must be reachable to be read); `focus` is the
 * cursor's line.
 */
export function planLines(plan: Plan | undefined, cursor: number, pendingRw: boolean): { lines: Line[]; focus: number } {
  if (!plan) return { lines: [{ key: 'none', segments: [seg('No mount plan.', 'block')] }], focus: 0 };
  const lines: Line[] = [
    {
      key: 'title',
      segments: plan.mounts.length === 0
        ? [seg('Nothing here is safe to mount.', 'block', true)]
        : [seg(`Mount ${plan.mounts.length === 1 ? 'this' : `these ${plan.mounts.length}`}`, undefined, true), seg(pendingRw ? '  (planning…)' : '  (w: toggle ro/rw, e: export)', 'muted')],
    },
  ];
  // Too many mounts to check one by one: say so, and what to do instead (the export collapses it).
  const oversize = oversizeOf(plan);
  if (oversize) describeOversize(oversize).forEach((text, i) => lines.push({ key: `oversize:${i}`, segments: [seg(safe(text), 'review')] }));
  const mountStart = lines.length;
  plan.mounts.forEach((m, i) => {
    lines.push({
      key: `mount:${i}`,
      isSelected: i === cursor,
      segments: [seg(`  ${m.mode}`, m.mode === 'rw' ? 'review' : 'go', true), seg(`  ${safe(m.path)}${m.kind === 'dir' ? '/' : ''}`)],
    });
  });
  if (plan.excluded.length > 0) {
    lines.push({ key: 'excluded-title', segments: [seg(`Left out (${plan.excluded.length})`, undefined, true)] });
    plan.excluded.forEach((e, i) => {
      lines.push({ key: `excluded:${i}`, isSelected: plan.mounts.length + i === cursor, segments: [seg('  --', 'block'), seg(`  ${safe(e.path)}`), seg(`  ${safe(e.reason)}`, 'muted')] });
    });
  }
  // Past the mounts, the cursor is on a left-out entry: one line further down, for the "Left out" title.
  const focus = cursor < plan.mounts.length ? mountStart + cursor : mountStart + cursor + 1;
  return { lines, focus };
}
