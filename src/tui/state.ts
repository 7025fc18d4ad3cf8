import type { Outcome } from '../model/outcome.js';
import type { ScanResult } from '../model/result.js';
import type { Plan, PlannedMount } from '../mount/plan.js';
import { TARGETS, type Target } from '../mount/targets.js';
import type { ScanProgress } from '../pipeline/scan.js';
import type { UserDecisions } from '../model/decisions.js';
import { applyDecisions } from '../verdict/apply-decisions.js';
import { findingRows, type FindingRow } from './finding-rows.js';
import { COMMANDS, type Command } from './keys.js';
import { accept, keepInPlan, leaveOutOfPlan, openInEditor, undo, type Triage } from './triage.js';

/**
 * Everything the TUI shows, and the pure reducer that changes it. Scanning, planning and the
 * terminal are the edges (`app.tsx`); they dispatch actions here and draw what comes back.
 */
export const PANES = ['findings', 'plan'] as const;
export type Pane = (typeof PANES)[number];

export type Overlay = 'none' | 'help' | 'targets';

/** How the TUI ended: `quit` prints nothing more; `export` prints the plan for the target. */
export type TuiExit = { kind: 'quit' } | { kind: 'export'; target: Target; rw: readonly string[] };

export interface TuiState {
  phase: 'scanning' | 'done' | 'failed';
  roots: readonly string[];
  progress: ScanProgress;
  /** The scan's result before the user's decisions; `result` is it with them applied. */
  base?: ScanResult;
  result?: ScanResult;
  rows: readonly FindingRow[];
  /** Why the scan could not run (bad root, bad rule file). */
  errors: readonly string[];
  pane: Pane;
  cursor: Readonly<Record<Pane, number>>;
  /** Keys of the findings shown expanded. */
  expanded: ReadonlySet<string>;
  /** The paths the user asked to mount read-write (absolute), as in the current plan. */
  rw: readonly string[];
  /** A change of `rw` waiting for the planner. */
  pendingRw?: readonly string[];
  plan?: Plan;
  /** Why the last change to the plan was refused, or why there is no plan. */
  planError?: string;
  overlay: Overlay;
  targetCursor: number;
  /** How many rows one screen shows, for page up/down. */
  pageSize: number;
  /** The first key the help shows (it scrolls on a short screen). */
  helpTop: number;
  /** The user's decisions on findings (triage.ts). */
  triage: Triage;
  /** What the last key did, or why it did nothing (one line above the key hints). */
  status?: string;
  /** A file to open in the editor, waiting for the app (the terminal is handed over). */
  pendingOpen?: { file: string; line?: number };
  exit?: TuiExit;
}

export type TuiAction =
  | { type: 'progress'; progress: ScanProgress }
  | { type: 'scanned'; result: ScanResult; plan: Outcome<Plan> }
  | { type: 'scan-failed'; errors: readonly string[] }
  | { type: 'planned'; rw: readonly string[]; plan: Outcome<Plan> }
  | { type: 'resize'; pageSize: number }
  /** The decisions were saved (or not: `error`). */
  | { type: 'saved'; decisions: UserDecisions; error?: string }
  /** The editor ran (or could not: `status` says why). */
  | { type: 'opened'; status?: string }
  | { type: 'command'; command: Command };

export function initialState(roots: readonly string[], triage: Triage = {}): TuiState {
  return {
    phase: 'scanning',
    roots,
    progress: { files: 0, bytes: 0, elapsedMs: 0 },
    rows: [],
    errors: [],
    pane: 'findings',
    cursor: { findings: 0, plan: 0 },
    expanded: new Set(),
    rw: [],
    overlay: 'none',
    targetCursor: TARGETS.indexOf('docker'),
    pageSize: 10,
    helpTop: 0,
    triage: { ...triage, saved: triage.decisions },
  };
}

const clamp = (value: number, length: number) => Math.max(0, Math.min(value, length - 1));

/** The number of rows the cursor moves over in a pane. */
export function paneLength(state: TuiState, pane: Pane = state.pane): number {
  return pane === 'findings' ? state.rows.length : (state.plan ? state.plan.mounts.length + state.plan.excluded.length : 0);
}

/** The read-write paths after toggling one mount: add it, or drop the path (or folder above it) that made it rw. */
export function toggleRw(rw: readonly string[], mount: Pick<PlannedMount, 'path' | 'mode'>): string[] {
  if (mount.mode === 'ro') return [...rw, mount.path];
  return rw.filter((path) => path !== mount.path && !mount.path.startsWith(`${path}/`));
}

const planErrorOf = (plan: Outcome<Plan>) => (plan.ok ? undefined : plan.errors.join('; '));

function move(state: TuiState, command: Command): TuiState {
  const length = state.overlay === 'targets' ? TARGETS.length : paneLength(state);
  const current = state.overlay === 'targets' ? state.targetCursor : state.cursor[state.pane];
  const steps = { up: -1, down: 1, pageUp: -state.pageSize, pageDown: state.pageSize, top: -Infinity, bottom: Infinity } as Partial<Record<Command, number>>;
  const next = clamp(current + (steps[command] ?? 0), length);
  if (state.overlay === 'targets') return { ...state, targetCursor: next };
  return { ...state, cursor: { ...state.cursor, [state.pane]: next } };
}

function select(state: TuiState): TuiState {
  if (state.overlay === 'targets') return { ...state, exit: { kind: 'export', target: TARGETS[state.targetCursor]!, rw: state.rw } };
  if (state.pane !== 'findings') return state;
  const row = state.rows[state.cursor.findings];
  if (row?.kind !== 'finding') return state;
  const expanded = new Set(state.expanded);
  if (expanded.has(row.key)) expanded.delete(row.key);
  else expanded.add(row.key);
  return { ...state, expanded };
}

function toggleMode(state: TuiState): TuiState {
  const mount = state.plan?.mounts[state.cursor.plan];
  if (state.pane !== 'plan' || !mount || state.pendingRw) return state;
  return { ...state, pendingRw: toggleRw(state.rw, mount), planError: undefined };
}

/** On a screen too short for every key, the movement keys scroll the help (the view stops at its end). */
function scrollHelp(state: TuiState, command: Command): TuiState {
  const steps = { up: -1, down: 1, pageUp: -state.pageSize, pageDown: state.pageSize, top: -Infinity, bottom: Infinity } as Partial<Record<Command, number>>;
  const step = steps[command];
  return step === undefined ? state : { ...state, helpTop: Math.max(0, Math.min(state.helpTop + step, Object.keys(COMMANDS).length - 1)) };
}

function runCommand(state: TuiState, command: Command): TuiState {
  if (command === 'quit') return { ...state, exit: { kind: 'quit' } };
  if (command === 'help') return { ...state, overlay: state.overlay === 'help' ? 'none' : 'help', helpTop: 0 };
  if (command === 'cancel') return { ...state, overlay: 'none' };
  if (state.overlay === 'help') return scrollHelp(state, command);
  if (state.phase !== 'done') return state;
  switch (command) {
    case 'up':
    case 'down':
    case 'pageUp':
    case 'pageDown':
    case 'top':
    case 'bottom':
      return move({ ...state, status: undefined }, command);
    case 'select':
      return select(state);
    case 'switchPane':
      return state.overlay === 'none' ? { ...state, pane: state.pane === 'findings' ? 'plan' : 'findings' } : state;
    case 'toggleMode':
      return state.overlay === 'none' ? toggleMode(state) : state;
    case 'export':
      return state.plan ? { ...state, overlay: 'targets' } : state;
    case 'accept':
    case 'undo':
    case 'keep':
    case 'leaveOut':
    case 'open':
      return state.overlay === 'none' ? TRIAGE[command](state) : state;
  }
}

const TRIAGE = { accept, undo, keep: keepInPlan, leaveOut: leaveOutOfPlan, open: openInEditor } as const satisfies Partial<Record<Command, (state: TuiState) => TuiState>>;

export function reduce(state: TuiState, action: TuiAction): TuiState {
  switch (action.type) {
    case 'progress':
      return { ...state, progress: action.progress };
    case 'scanned':
      return {
        ...state,
        phase: 'done',
        base: action.result,
        result: state.triage.decisions ? applyDecisions(action.result, state.triage.decisions) : action.result,
        rows: findingRows(action.result),
        progress: { files: action.result.stats.files, bytes: action.result.stats.bytes, elapsedMs: action.result.stats.durationMs },
        plan: action.plan.ok ? action.plan.value : undefined,
        planError: planErrorOf(action.plan),
      };
    case 'scan-failed':
      return { ...state, phase: 'failed', errors: action.errors };
    case 'planned':
      if (!action.plan.ok) return { ...state, pendingRw: undefined, planError: planErrorOf(action.plan) };
      return { ...state, pendingRw: undefined, rw: action.rw, plan: action.plan.value, planError: undefined, cursor: { ...state.cursor, plan: clamp(state.cursor.plan, action.plan.value.mounts.length + action.plan.value.excluded.length) } };
    case 'resize':
      return { ...state, pageSize: Math.max(1, action.pageSize) };
    case 'saved':
      return action.error ? { ...state, status: action.error } : { ...state, triage: { ...state.triage, saved: action.decisions } };
    case 'opened':
      return { ...state, pendingOpen: undefined, status: action.status };
    case 'command':
      return runCommand(state, action.command);
  }
}
