import type { PlanChoice, UserDecisions } from '../model/decisions.js';
import type { Finding } from '../model/finding.js';
import { applyDecisions, fileOfFinding } from '../verdict/apply-decisions.js';
import type { TuiState } from './state.js';

/**
 * The user's decisions on findings, pure: accept (suppress) a finding, keep a file with
 * findings to review in the mount plan or leave it out, undo, and ask for the editor. Each
 * changes `decisions`; the result is decided again from the scan's own result (`base`) with
 * `applyDecisions`, as `airlock scan` does, and the app saves the change and plans again.
 */
export interface Triage {
  /** The decisions in force; undefined when they are off (`--no-user-config`). */
  decisions?: UserDecisions;
  /** The decisions as last read or saved: a save applies what changed since. */
  saved?: UserDecisions;
  /** Why a decision cannot be saved: they are off, or the config folder is inside a scanned folder. */
  blocked?: string;
}

/** What the cursor is on: in the findings pane a file, and the finding when on one; in the plan pane a mount or a left-out entry. */
interface Selection {
  root: string;
  /** Root-relative path shown to the user. */
  path: string;
  /** Absolute path of the walked file (the archive for an entry in it). */
  file: string;
  finding?: Finding;
  /** A file in the folder (a history finding's path is a path in a commit). */
  isInFolder: boolean;
  /** The commit of a history finding, to name it. */
  commit?: string;
  /** A folder (a mount or a left-out entry of the plan pane). */
  isDir?: boolean;
  /** A whole root (a mount of the plan pane). */
  isRoot?: boolean;
}

/** In the plan pane: the mount or left-out entry under the cursor. */
function planSelection(state: TuiState): Selection | undefined {
  const plan = state.plan;
  const i = state.cursor.plan;
  const entry = plan && (i < plan.mounts.length ? plan.mounts[i] : plan.excluded[i - plan.mounts.length]);
  if (!entry) return undefined;
  return { root: entry.root, path: entry.rel || entry.path, file: entry.path, isInFolder: true, isDir: entry.kind === 'dir', isRoot: entry.rel === '' };
}

function selectionOf(state: TuiState): Selection | undefined {
  if (state.pane === 'plan') return planSelection(state);
  const cursor = state.cursor.findings;
  const row = state.rows[cursor];
  if (row?.kind === 'finding') {
    const f = row.finding;
    return { root: f.root, path: f.file ?? f.path, file: fileOfFinding(f), finding: f, isInFolder: f.source === 'file', ...(f.commit ? { commit: f.commit } : {}) };
  }
  if (row?.kind !== 'file') return undefined;
  const next = state.rows.slice(cursor + 1);
  const end = next.findIndex((r) => r.kind !== 'finding');
  const under = (end === -1 ? next : next.slice(0, end)).flatMap((r) => (r.kind === 'finding' ? [r.finding] : []));
  const commit = under.find((f) => f.commit)?.commit;
  return { root: row.root, path: row.path, file: fileOfFinding(row), isInFolder: under.some((f) => f.source === 'file'), ...(commit ? { commit } : {}) };
}

const HISTORY = (selected: Selection) => `a finding in git history${selected.commit ? ` (commit ${selected.commit.slice(0, 10)})` : ''}`;

const say = (state: TuiState, status: string): TuiState => ({ ...state, status });

export const isAccepted = (state: Pick<TuiState, 'triage'>, f: Pick<Finding, 'fingerprint'>): boolean =>
  state.triage.decisions?.accepted.some((a) => a.fingerprint === f.fingerprint) ?? false;

export const choiceFor = (state: Pick<TuiState, 'triage'>, file: string): PlanChoice | undefined => state.triage.decisions?.choices.find((c) => c.path === file);

/** The decisions changed: decide again, plan again (with the same read-write choices), say what happened. */
function decide(state: TuiState, decisions: UserDecisions, status: string): TuiState {
  if (!state.base) return state;
  return {
    ...state,
    triage: { ...state.triage, decisions },
    result: applyDecisions(state.base, decisions),
    pendingRw: [...(state.pendingRw ?? state.rw)],
    planError: undefined,
    status,
  };
}

/** The decisions, or why none can be made now. */
function decisionsOf(state: TuiState): UserDecisions | string {
  if (state.triage.blocked) return `not saved: ${state.triage.blocked}`;
  return state.triage.decisions ?? 'your decisions are off';
}

export function accept(state: TuiState): TuiState {
  const f = selectionOf(state)?.finding;
  if (!f) return say(state, state.pane === 'plan' ? 'a accepts a finding: in the findings pane (Tab)' : 'a accepts a finding: move to one first');
  const decisions = decisionsOf(state);
  if (typeof decisions === 'string') return say(state, decisions);
  if (isAccepted(state, f)) return say(state, 'already accepted (u undoes it)');
  const note = `${f.ruleId} ${JSON.stringify(fileOfFinding(f))}${f.line ? `:${f.line}` : ''}`;
  return decide(state, { ...decisions, accepted: [...decisions.accepted, { fingerprint: f.fingerprint, note }] }, `accepted ${f.ruleId} in ${f.path}: suppressed by ${decisions.allowlistFile} (u undoes it)`);
}

/** Places of the unaccepted findings in a file: the finding itself, or another place its secret was seen. */
function findingsIn(state: TuiState, file: string): Finding[] {
  return (state.result?.findings ?? []).filter(
    (f) => (f.source === 'file' && fileOfFinding(f) === file) || (f.locations ?? []).some((l) => l.source === 'file' && fileOfFinding(l) === file),
  );
}

function choose(state: TuiState, choice: PlanChoice, status: string): TuiState {
  const decisions = decisionsOf(state);
  if (typeof decisions === 'string') return say(state, decisions);
  return decide(state, { ...decisions, choices: [...decisions.choices.filter((c) => c.path !== choice.path), choice] }, status);
}

export function keepInPlan(state: TuiState): TuiState {
  const selected = selectionOf(state);
  if (!selected) return say(state, 'i keeps a file in the mount plan: move to a file or a finding first');
  if (!selected.isInFolder) return say(state, `${HISTORY(selected)}: its .git folder is what the plan leaves out, not a file`);
  if (selected.isDir) return say(state, `i keeps a file; ${selected.path} is a folder (its findings decide)`);
  const found = findingsIn(state, selected.file);
  if (found.some((f) => f.severity === 'block')) return say(state, `${selected.path} has a blocking finding: it stays out of the plan (a accepts the finding if it is no secret)`);
  const review = found.filter((f) => f.severity === 'review').map((f) => f.fingerprint);
  if (review.length === 0 && choiceFor(state, selected.file)?.choice !== 'leave-out') return say(state, `${selected.path} has no finding to review: it is in the plan already`);
  const status = `${selected.path} kept in the mount plan (u undoes it)`;
  return choose(state, { path: selected.file, choice: 'keep', fingerprints: [...new Set(review)] }, status);
}

export function leaveOutOfPlan(state: TuiState): TuiState {
  const selected = selectionOf(state);
  if (!selected) return say(state, 'x leaves a file out of the mount plan: move to a file or a finding first');
  if (!selected.isInFolder) return say(state, `${HISTORY(selected)}: its .git folder is what the plan leaves out, not a file`);
  if (selected.isRoot) return say(state, `${selected.path} is a whole root: to leave it out, do not name it`);
  if (choiceFor(state, selected.file)?.choice === 'leave-out') return say(state, `${selected.path} is left out already (u undoes it)`);
  return choose(state, { path: selected.file, choice: 'leave-out', fingerprints: [] }, `${selected.path} left out of the mount plan (u undoes it)`);
}

/** Undoes the decision on the selection: the finding's acceptance first, else the file's plan choice. */
export function undo(state: TuiState): TuiState {
  const selected = selectionOf(state);
  const decisions = state.triage.decisions;
  if (state.triage.blocked || !decisions) return say(state, `not saved: ${state.triage.blocked ?? 'your decisions are off'}`);
  if (!selected) return say(state, 'u undoes a decision: move to a finding you accepted or a file you kept or left out');
  const f = selected.finding;
  if (f && isAccepted(state, f)) {
    return decide(state, { ...decisions, accepted: decisions.accepted.filter((a) => a.fingerprint !== f.fingerprint) }, `${f.ruleId} in ${f.path} is a finding again`);
  }
  if (choiceFor(state, selected.file)) {
    return decide(state, { ...decisions, choices: decisions.choices.filter((c) => c.path !== selected.file) }, `${selected.path}: the plan decides again`);
  }
  return say(state, 'nothing to undo here');
}

/** Asks the app to open the selection in the editor (at the finding's line). */
export function openInEditor(state: TuiState): TuiState {
  const selected = selectionOf(state);
  if (!selected) return say(state, 'o opens a file in $EDITOR: move to a file or a finding first');
  if (!selected.isInFolder) return say(state, `${HISTORY(selected)}: no file in the folder to open`);
  if (selected.isDir) return say(state, `o opens a file; ${selected.path} is a folder`);
  const f = selected.finding;
  // Inside an archive or a database, the line is the entry's, not the file's.
  const line = f && !f.file ? f.line : undefined;
  return { ...state, pendingOpen: { file: selected.file, ...(line ? { line } : {}) }, status: undefined };
}
