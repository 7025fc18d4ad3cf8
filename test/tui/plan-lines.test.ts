import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/mount/plan.js';
import { lineText } from '../../src/tui/line.js';
import { planLines } from '../../src/tui/plan-lines.js';

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
});
