import { describe, expect, it } from 'vitest';
import type { UserDecisions } from '../../src/model/decisions.js';
import { ok } from '../../src/model/outcome.js';
import type { Plan } from '../../src/mount/plan.js';
import { editorCommand } from '../../src/tui/editor-command.js';
import type { Command } from '../../src/tui/keys.js';
import { initialState, reduce, type TuiState } from '../../src/tui/state.js';
import type { Triage } from '../../src/tui/triage.js';
import { finding, scanResult } from './scan-result.js';

const fp = (c: string) => c.repeat(32);
const PLAN: Plan = {
  roots: ['/r'],
  mounts: [{ root: '/r', rel: 'src', path: '/r/src', kind: 'dir', mode: 'ro' }],
  excluded: [
    { root: '/r', rel: 'docs/notes.md', path: '/r/docs/notes.md', kind: 'file', cause: 'review', reason: 'finding to review' },
    { root: '/r', rel: 'old', path: '/r/old', kind: 'dir', cause: 'history', reason: 'history' },
  ],
};
// Rows: 0 root, 1 .env (file), 2 its BLOCK finding, 3 docs/, 4 notes.md, 5 its REVIEW finding, 6 old/, 7 key.pem (a path in history), 8 its finding.
const RESULT = scanResult({
  verdict: 'no-go',
  findings: [
    finding('/r', '.env', { fingerprint: fp('a') }),
    finding('/r', 'docs/notes.md', { severity: 'review', fingerprint: fp('b') }),
    finding('/r', 'old/key.pem', { source: 'git-history', commit: '0123456789abcdef', fingerprint: fp('c'), severity: 'review' }),
  ],
});
const DECISIONS: UserDecisions = { allowlistFile: '/cfg/allowlist', planChoicesFile: '/cfg/plan-choices', accepted: [], choices: [] };

const run = (state: TuiState, ...commands: Command[]) => commands.reduce((s, command) => reduce(s, { type: 'command', command }), state);
const scanned = (triage: Triage = { decisions: DECISIONS }) => reduce(initialState(['/r'], triage), { type: 'scanned', result: RESULT, plan: ok(PLAN) });
const at = (row: number, state = scanned()) => run(state, ...Array.from({ length: row }, () => 'down' as const));

describe('triage in the TUI reducer', () => {
  it('accepts the finding under the cursor: decided again, re-planned, and the note names rule, file and line, never the secret', () => {
    const state = run(at(2), 'accept');
    expect(state.triage.decisions?.accepted).toEqual([{ fingerprint: fp('a'), note: 'fake-token "/r/.env":3' }]);
    expect(state.result?.verdict).toBe('review');
    expect(state.result?.suppressed).toEqual([expect.objectContaining({ path: '.env', by: '/cfg/allowlist' })]);
    expect(state.base).toBe(RESULT);
    expect(state.pendingRw).toEqual([]);
    expect(state.status).toBe('accepted fake-token in .env: suppressed by /cfg/allowlist (u undoes it)');
    expect(run(state, 'accept').status).toBe('already accepted (u undoes it)');
    // u undoes it: the verdict is the scan's again.
    const undone = run(state, 'undo');
    expect(undone.triage.decisions?.accepted).toEqual([]);
    expect(undone.result?.verdict).toBe('no-go');
  });

  it('accepts decisions read at start when the scan ends, and marks nothing else', () => {
    const state = scanned({ decisions: { ...DECISIONS, accepted: [{ fingerprint: fp('b') }] } });
    expect(state.result?.findings.map((f) => f.path)).toEqual(['.env', 'old/key.pem']);
    expect(state.triage.saved).toBe(state.triage.decisions);
  });

  it('keeps a file with findings to review, with the fingerprints seen; refuses a blocking one; leaves a file out', () => {
    const kept = run(at(5), 'keep');
    expect(kept.triage.decisions?.choices).toEqual([{ path: '/r/docs/notes.md', choice: 'keep', fingerprints: [fp('b')] }]);
    expect(kept.result?.planChoices).toEqual(kept.triage.decisions?.choices);
    expect(run(at(4), 'keep').triage.decisions?.choices).toEqual(kept.triage.decisions?.choices);
    const refused = run(at(2), 'keep');
    expect(refused.triage.decisions?.choices).toEqual([]);
    expect(refused.status).toBe('.env has a blocking finding: it stays out of the plan (a accepts the finding if it is no secret)');
    const out = run(kept, 'leaveOut');
    expect(out.triage.decisions?.choices).toEqual([{ path: '/r/docs/notes.md', choice: 'leave-out', fingerprints: [] }]);
    expect(run(out, 'undo').triage.decisions?.choices).toEqual([]);
  });

  it('asks the app to open the file at the finding line; a history finding has no file to open', () => {
    expect(run(at(2), 'open').pendingOpen).toEqual({ file: '/r/.env', line: 3 });
    expect(run(at(1), 'open').pendingOpen).toEqual({ file: '/r/.env' });
    for (const row of [7, 8]) {
      const history = run(at(row), 'open');
      expect(history.pendingOpen).toBeUndefined();
      expect(history.status).toBe('a finding in git history (commit 0123456789): no file in the folder to open');
      expect(run(at(row), 'keep').status).toBe('a finding in git history (commit 0123456789): its .git folder is what the plan leaves out, not a file');
    }
    expect(reduce(run(at(2), 'open'), { type: 'opened', status: 'x' })).toMatchObject({ pendingOpen: undefined, status: 'x' });
  });

  it('says why nothing happens: decisions off, config folder inside the scan, not on a finding, in the plan pane', () => {
    expect(run(at(2, scanned({ blocked: 'your decisions are off (--no-user-config)' })), 'accept').status).toBe('not saved: your decisions are off (--no-user-config)');
    const inside = run(at(2, scanned({ decisions: DECISIONS, blocked: '/r/.config/airlock is inside the scanned folder /r' })), 'accept');
    expect(inside.triage.decisions?.accepted).toEqual([]);
    expect(inside.status).toMatch(/^not saved: \/r\/\.config\/airlock is inside/);
    expect(run(scanned(), 'accept').status).toBe('a accepts a finding: move to one first');
    expect(run(scanned(), 'switchPane', 'accept').status).toBe('a accepts a finding: in the findings pane (Tab)');
    // Moving clears the last status.
    expect(run(scanned(), 'accept', 'down').status).toBeUndefined();
  });

  it('keeps the decisions it could not save, and says so', () => {
    const state = run(at(2), 'accept');
    const failed = reduce(state, { type: 'saved', decisions: state.triage.saved!, error: 'not saved: EACCES' });
    expect(failed.status).toBe('not saved: EACCES');
    expect(failed.triage.decisions?.accepted).toHaveLength(1);
    expect(reduce(state, { type: 'saved', decisions: state.triage.decisions! }).triage.saved).toBe(state.triage.decisions);
  });
});

describe('triage in the plan pane', () => {
  const inPlan = (row: number) => run(scanned(), 'switchPane', ...Array.from({ length: row }, () => 'down' as const));

  it('keeps a left-out file with findings to review, leaves a mount out, and undoes it', () => {
    const kept = run(inPlan(1), 'keep');
    expect(kept.triage.decisions?.choices).toEqual([{ path: '/r/docs/notes.md', choice: 'keep', fingerprints: [fp('b')] }]);
    expect(kept.pendingRw).toEqual([]);
    // Planned again, the cursor stays on the left-out entry (it used to fall back to the last mount).
    expect(reduce(kept, { type: 'planned', rw: [], plan: ok(PLAN) }).cursor.plan).toBe(1);
    const out = run(inPlan(0), 'leaveOut');
    expect(out.triage.decisions?.choices).toEqual([{ path: '/r/src', choice: 'leave-out', fingerprints: [] }]);
    expect(run(out, 'undo').triage.decisions?.choices).toEqual([]);
  });

  it('says what a folder entry cannot do', () => {
    expect(run(inPlan(2), 'keep').status).toBe('i keeps a file; old is a folder (its findings decide)');
    expect(run(inPlan(2), 'open').status).toBe('o opens a file; old is a folder');
    expect(run(inPlan(1), 'open').pendingOpen).toEqual({ file: '/r/docs/notes.md' });
  });
});

describe('editorCommand', () => {
  it('puts the line where each editor takes it', () => {
    expect(editorCommand({ EDITOR: 'vim' }, '/r/a b.txt', 7)).toEqual({ ok: true, command: 'vim', args: ['+7', '/r/a b.txt'] });
    expect(editorCommand({ EDITOR: '/usr/bin/nano' }, '/r/a', 2)).toEqual({ ok: true, command: '/usr/bin/nano', args: ['+2', '/r/a'] });
    expect(editorCommand({ EDITOR: 'code --wait' }, '/r/a', 2)).toEqual({ ok: true, command: 'code', args: ['--wait', '-g', '/r/a:2'] });
    expect(editorCommand({ EDITOR: 'subl -w' }, '/r/a', 2)).toEqual({ ok: true, command: 'subl', args: ['-w', '/r/a:2'] });
    expect(editorCommand({ EDITOR: 'idea' }, '/r/a', 2)).toEqual({ ok: true, command: 'idea', args: ['--line', '2', '/r/a'] });
    expect(editorCommand({ EDITOR: 'emacs -nw' }, '/r/a')).toEqual({ ok: true, command: 'emacs', args: ['-nw', '/r/a'] });
  });

  it('prefers VISUAL, and says when neither is set', () => {
    expect(editorCommand({ VISUAL: 'nvim', EDITOR: 'nano' }, '/r/a', 1)).toMatchObject({ command: 'nvim' });
    expect(editorCommand({ VISUAL: ' ', EDITOR: '' }, '/r/a', 1)).toEqual({ ok: false, reason: 'EDITOR is not set (nor VISUAL): set it to open files from here, e.g. EDITOR=vim' });
  });
});
