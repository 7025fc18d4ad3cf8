import { oversizeOf } from '../mount/oversize.js';
import { describeOversize } from '../report/oversize-text.js';
import type { Plan } from '../mount/plan.js';
import { escapeForTerminal as safe } from '../report/escape.js';
import { seg, type Line, type PaneLines } from './line.js';

/** What a plan's oversize note says, worked out once per plan (it collapses the plan to count its masks). */
const oversizeNotes = new WeakMap<Plan, string[]>();
function oversizeNote(plan: Plan): string[] {
  let note = oversizeNotes.get(plan);
  if (!note) {
    const oversize = oversizeOf(plan);
    oversizeNotes.set(plan, (note = oversize ? describeOversize(oversize) : []));
  }
  return note;
}

/**
 * The mount plan pane: the mounts, then what is left out and why. The cursor moves over both
 * (a left-out entry cannot be toggled, but it must be reachable to be read); `focus` is the
 * cursor's line. Each line is made when it is shown.
 */
export function planPane(plan: Plan | undefined, cursor: number, pendingRw: boolean): PaneLines {
  if (!plan) return { count: 1, focus: 0, at: () => ({ key: 'none', segments: [seg('No mount plan.', 'block')] }) };
  const title: Line = {
    key: 'title',
    segments: plan.mounts.length === 0
      ? [seg('Nothing here is safe to mount.', 'block', true)]
      : [seg(`Mount ${plan.mounts.length === 1 ? 'this' : `these ${plan.mounts.length}`}`, undefined, true), seg(pendingRw ? '  (planning…)' : '  (w: toggle ro/rw, e: export)', 'muted')],
  };
  // Too many mounts to check one by one: say so, and what to do instead (the export collapses it).
  const note = oversizeNote(plan);
  const mountStart = 1 + note.length;
  const excludedStart = mountStart + plan.mounts.length + 1;
  const at = (index: number): Line => {
    if (index === 0) return title;
    if (index < mountStart) return { key: `oversize:${index - 1}`, segments: [seg(safe(note[index - 1]!), 'review')] };
    if (index < excludedStart - 1) {
      const i = index - mountStart;
      const m = plan.mounts[i]!;
      return { key: `mount:${i}`, isSelected: i === cursor, segments: [seg(`  ${m.mode}`, m.mode === 'rw' ? 'review' : 'go', true), seg(`  ${safe(m.path)}${m.kind === 'dir' ? '/' : ''}`)] };
    }
    if (index === excludedStart - 1) return { key: 'excluded-title', segments: [seg(`Left out (${plan.excluded.length})`, undefined, true)] };
    const i = index - excludedStart;
    const e = plan.excluded[i]!;
    return { key: `excluded:${i}`, isSelected: plan.mounts.length + i === cursor, segments: [seg('  --', 'block'), seg(`  ${safe(e.path)}`), seg(`  ${safe(e.reason)}`, 'muted')] };
  };
  // Past the mounts, the cursor is on a left-out entry: one line further down, for the "Left out" title.
  const focus = cursor < plan.mounts.length ? mountStart + cursor : mountStart + cursor + 1;
  return { count: plan.excluded.length > 0 ? excludedStart + plan.excluded.length : excludedStart - 1, focus, at };
}
