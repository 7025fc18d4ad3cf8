import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../src/model/outcome.js';
import type { Plan, PlannedMount } from '../../src/mount/plan.js';
import { COMMANDS, type Command } from '../../src/tui/keys.js';
import { initialState, reduce, toggleRw, type TuiAction, type TuiState } from '../../src/tui/state.js';
import { finding, scanResult } from './scan-result.js';

const mount = (path: string, mode: 'ro' | 'rw' = 'ro', kind: 'dir' | 'file' = 'dir'): PlannedMount => ({ root: '/r', rel: path.slice(3), path, kind, mode });
const PLAN: Plan = { roots: ['/r'], mounts: [mount('/r/docs'), mount('/r/src')], excluded: [] };
const RESULT = scanResult({
  verdict: 'no-go',
  findings: [finding('/r', 'app/.env'), finding('/r', 'app/.env', { ruleId: 'other', line: 5 }), finding('/r', 'top.txt')],
});

const run = (state: TuiState, ...commands: Command[]) => commands.reduce((s, command) => reduce(s, { type: 'command', command }), state);
const apply = (state: TuiState, ...actions: TuiAction[]) => actions.reduce(reduce, state);
const scanned = () => apply(initialState(['/r']), { type: 'scanned', result: RESULT, plan: ok(PLAN) });

describe('the TUI reducer', () => {
  it('shows progress while scanning and ignores navigation until the scan is done', () => {
    const state = apply(initialState(['/r']), { type: 'progress', progress: { files: 12, bytes: 3000, elapsedMs: 400 } });
    expect(state.progress).toEqual({ files: 12, bytes: 3000, elapsedMs: 400 });
    expect(run(state, 'down', 'switchPane', 'export')).toEqual(state);
  });

  it('quits from any phase', () => {
    expect(run(initialState(['/r']), 'quit').exit).toEqual({ kind: 'quit' });
    expect(run(scanned(), 'quit').exit).toEqual({ kind: 'quit' });
  });

  it('lists the findings root → folder → file → finding, and moves within them', () => {
    const state = scanned();
    expect(state.phase).toBe('done');
    expect(state.rows.map((r) => r.kind)).toEqual(['root', 'file', 'finding', 'folder', 'file', 'finding', 'finding']);
    expect(run(state, 'down', 'down').cursor.findings).toBe(2);
    expect(run(state, 'up').cursor.findings).toBe(0);
    expect(run(state, 'bottom').cursor.findings).toBe(6);
    expect(run(state, 'bottom', 'down').cursor.findings).toBe(6);
    expect(run(state, 'bottom', 'top').cursor.findings).toBe(0);
    expect(run(apply(state, { type: 'resize', pageSize: 4 }), 'pageDown').cursor.findings).toBe(4);
  });

  it('expands and folds the finding under the cursor, and nothing else', () => {
    const state = scanned();
    expect(run(state, 'select').expanded.size).toBe(0);
    const open = run(state, 'down', 'down', 'select');
    expect(open.expanded.size).toBe(1);
    expect(run(open, 'select').expanded.size).toBe(0);
  });

  it('toggles a mount ro → rw through the planner, and refuses a toggle while one is pending', () => {
    const state = run(scanned(), 'switchPane', 'down', 'toggleMode');
    expect(state.pane).toBe('plan');
    expect(state.pendingRw).toEqual(['/r/src']);
    expect(run(state, 'toggleMode').pendingRw).toEqual(['/r/src']);
    const planned = apply(state, { type: 'planned', rw: ['/r/src'], plan: ok({ ...PLAN, mounts: [mount('/r/docs'), mount('/r/src', 'rw')] }) });
    expect(planned.rw).toEqual(['/r/src']);
    expect(planned.pendingRw).toBeUndefined();
    expect(planned.plan?.mounts[1]?.mode).toBe('rw');
  });

  it('keeps the last plan and shows why when the planner refuses a change', () => {
    const state = run(scanned(), 'switchPane', 'toggleMode');
    const refused = apply(state, { type: 'planned', rw: ['/r/docs'], plan: fail('no mount covers it') });
    expect(refused.plan).toBe(PLAN);
    expect(refused.rw).toEqual([]);
    expect(refused.planError).toBe('no mount covers it');
  });

  it('does not toggle modes in the findings pane', () => {
    expect(run(scanned(), 'toggleMode').pendingRw).toBeUndefined();
  });

  it('exports for the target chosen in the list, with the read-write choices', () => {
    const state = apply(run(scanned(), 'switchPane', 'toggleMode'), { type: 'planned', rw: ['/r/docs'], plan: ok(PLAN) });
    const list = run(state, 'export');
    expect(list.overlay).toBe('targets');
    expect(run(list, 'down', 'select').exit).toEqual({ kind: 'export', target: 'compose', rw: ['/r/docs'] });
    expect(run(list, 'cancel').overlay).toBe('none');
    expect(run(list, 'cancel').exit).toBeUndefined();
  });

  it('has no export without a plan', () => {
    const state = apply(initialState(['/r']), { type: 'scanned', result: RESULT, plan: fail('cannot list') });
    expect(state.planError).toBe('cannot list');
    expect(run(state, 'export').overlay).toBe('none');
  });

  it('opens and closes the help, which blocks other commands but not quit', () => {
    const help = run(scanned(), 'help');
    expect(help.overlay).toBe('help');
    expect(run(help, 'down').cursor.findings).toBe(0);
    expect(run(help, 'help').overlay).toBe('none');
    expect(run(help, 'cancel').overlay).toBe('none');
    expect(run(help, 'quit').exit).toEqual({ kind: 'quit' });
  });

  it('records why a scan failed', () => {
    const state = apply(initialState(['/nope']), { type: 'scan-failed', errors: ['/nope: no such folder'] });
    expect(state.phase).toBe('failed');
    expect(state.errors).toEqual(['/nope: no such folder']);
  });
});

describe('toggleRw', () => {
  it('adds a read-only mount', () => {
    expect(toggleRw(['/r/a'], mount('/r/b'))).toEqual(['/r/a', '/r/b']);
  });

  it('drops the path, or the folder above, that made a mount read-write', () => {
    expect(toggleRw(['/r/a', '/r/b'], mount('/r/b', 'rw'))).toEqual(['/r/a']);
    expect(toggleRw(['/r/b', '/r/bc'], mount('/r/b/c', 'rw'))).toEqual(['/r/bc']);
  });
});

describe('the plan pane reaches what is left out', () => {
  const excluded = (path: string) => ({ root: '/r', rel: path.slice(3), path, kind: 'file' as const, cause: 'block' as const, reason: 'blocking finding: github-pat' });
  const withLeftOut: Plan = { ...PLAN, excluded: [excluded('/r/.env'), excluded('/r/keys'), excluded('/r/z-last')] };
  const state = () => run(apply(initialState(['/r']), { type: 'scanned', result: RESULT, plan: ok(withLeftOut) }), 'switchPane');

  it('moves past the mounts onto every left-out entry, with j, G and PgDn, and keeps the last in view', async () => {
    const { planPane } = await import('../../src/tui/plan-lines.js');
    const { allLines } = await import('../../src/tui/line.js');
    expect(run(state(), 'bottom').cursor.plan).toBe(4);
    expect(run(state(), 'down', 'down', 'down', 'down', 'down', 'down').cursor.plan).toBe(4);
    expect(run(apply(state(), { type: 'resize', pageSize: 10 }), 'pageDown').cursor.plan).toBe(4);
    const pane = planPane(withLeftOut, 4, false);
    const [lines, focus] = [allLines(pane), pane.focus];
    expect(lines[focus]!.segments.map((s) => s.text).join('')).toContain('/r/z-last');
    expect(lines[focus]!.isSelected).toBe(true);
  });

  it('does not toggle a left-out entry', () => {
    const onLeftOut = run(state(), 'bottom', 'toggleMode');
    expect(onLeftOut.pendingRw).toBeUndefined();
  });

  it('scrolls the help with the movement keys, from the top each time it opens', () => {
    const state = run(scanned(), 'help', 'down', 'down', 'pageDown');
    expect(state.helpTop).toBe(2 + state.pageSize);
    expect(run(state, 'top').helpTop).toBe(0);
    expect(run(state, 'bottom').helpTop).toBe(Object.keys(COMMANDS).length - 1);
    expect(run(state, 'help', 'help').helpTop).toBe(0);
    // The panes did not move.
    expect(state.cursor).toEqual(scanned().cursor);
  });
});
