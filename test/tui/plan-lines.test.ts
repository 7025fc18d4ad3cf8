import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/mount/plan.js';
import { allLines, lineText, visibleLines } from '../../src/tui/line.js';
import { planPane } from '../../src/tui/plan-lines.js';

const planLines = (plan: Plan, cursor: number, pendingRw: boolean) => {
  const pane = planPane(plan, cursor, pendingRw);
  return { lines: allLines(pane), focus: pane.focus };
};

const ROOT = '/home/me';
const planOf = (mounts: number): Plan => ({
  roots: [ROOT],
  mounts: Array.from({ length: mounts }, (_, i) => ({ root: ROOT, rel: `pkg-${i}`, path: `${ROOT}/pkg-${i}`, kind: 'dir' as const, mode: 'ro' as const })),
  excluded: [{ root: ROOT, rel: '.env', path: `${ROOT}/.env`, kind: 'file', cause: 'block', reason: 'blocking finding: test' }],
});

describe('the TUI plan pane', () => {
  it('says at the top when the plan is too large to read, with the collapse and the exact `airlock stage` command', () => {
    const { lines, focus } = planLines(planOf(51), 0, false);
    expect(lines.slice(1, 5).map(lineText)).toEqual([
      '51 mounts: more than a person can check (50 at most).',
      'Collapsed, it is 1 mount with 1 masked path: airlock plan --target docker|compose|devcontainer|bwrap|bwrap-args|claude does that by itself.',
      'Or mount a sanitized copy instead:',
      `  airlock stage ${ROOT} --to ${ROOT}-staged`,
    ]);
    // The cursor still lands on the first mount, below the notice.
    expect(lineText(lines[focus]!)).toBe(`  ro  ${ROOT}/pkg-0/`);
  });

  it('says nothing of the kind at 50 mounts', () => {
    const { lines, focus } = planLines(planOf(50), 0, false);
    expect(lines.map(lineText).some((l) => l.includes('more than a person can check'))).toBe(false);
    expect(focus).toBe(1);
  });

  it('shows the window on its cursor of a plan that leaves out 100,000 files, each line where the whole pane has it', () => {
    const plan: Plan = {
      ...planOf(60),
      excluded: Array.from({ length: 100_000 }, (_, i) => ({ root: ROOT, rel: `e${i}.env`, path: `${ROOT}/e${i}.env`, kind: 'file' as const, cause: 'block' as const, reason: 'blocking finding: test' })),
    };
    const last = planPane(plan, 60 + 99_999, false);
    const shown = visibleLines(last, 30);
    expect(shown).toHaveLength(30);
    expect(lineText(shown.at(-1)!)).toBe(`  --  ${ROOT}/e99999.env  blocking finding: test`);
    expect(shown.at(-1)!.isSelected).toBe(true);
    const pane = planPane(plan, 10, false);
    const whole = allLines(pane);
    expect(whole).toHaveLength(pane.count);
    expect(lineText(whole[pane.focus]!)).toBe(`  ro  ${ROOT}/pkg-10/`);
    expect(visibleLines(pane, 30)).toEqual(whole.slice(pane.focus - 10, pane.focus + 20));
    expect(lineText(whole[1 + 4 + 60]!)).toBe('Left out (100000)');
  });
});
