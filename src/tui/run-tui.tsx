import { spawnSync } from 'node:child_process';
import { render } from 'ink';
import type { Outcome } from '../model/outcome.js';
import type { ScanResult } from '../model/result.js';
import { ok } from '../model/outcome.js';
import { scan, type ScanOptions, type ScanProgress } from '../pipeline/scan.js';
import { readUserDecisions, saveDecisionChanges, whyNotWritable } from '../pipeline/user-decisions.js';
import { decisionChanges } from '../verdict/apply-decisions.js';
import { editorCommand } from './editor-command.js';
import type { Triage } from './triage.js';
import { App } from './app.js';
import { exportPlan, planFor, type Export } from './export-plan.js';
import type { TuiState } from './state.js';

export interface TuiOptions {
  scan: Omit<ScanOptions, 'onProgress'>;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
}

/** How the TUI ended; the CLI prints what follows and picks the exit code. */
export type TuiOutcome =
  | { kind: 'quit'; result: ScanResult }
  | { kind: 'export'; result: ScanResult; exported: Outcome<Export> }
  | { kind: 'failed'; errors: readonly string[] }
  /** Ctrl+C, or q before the scan finished. */
  | { kind: 'interrupted' };

/** The local date, YYYY-MM-DD, for the decisions' lines. */
const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/** Runs the editor on this terminal and waits for it; why not, when it could not run or failed. */
function runEditor(command: string, args: readonly string[]): string | undefined {
  const run = spawnSync(command, args, { stdio: 'inherit' });
  if (run.error) return `the editor could not run: ${command}: ${(run.error as NodeJS.ErrnoException).code ?? run.error.message}`;
  return run.status === 0 ? undefined : `the editor ${command} ended with ${run.signal ?? `exit code ${run.status}`}`;
}

function outcomeOf(state: TuiState | undefined): TuiOutcome {
  if (!state?.exit) return { kind: 'interrupted' };
  if (state.phase === 'failed') return { kind: 'failed', errors: state.errors };
  if (!state.result) return { kind: 'interrupted' };
  if (state.exit.kind === 'quit') return { kind: 'quit', result: state.result };
  return { kind: 'export', result: state.result, exported: exportPlan(state.result, state.exit.target, state.exit.rw) };
}

/**
 * Runs the TUI on the terminal's alternate screen: scans with live progress, shows the
 * verdict, findings and plan, and returns how the user left it. Nothing is printed to the
 * normal screen here; the CLI does that after the TUI is gone.
 */
export async function runTui(options: TuiOptions): Promise<TuiOutcome> {
  let final: TuiState | undefined;
  // The TUI applies the user's decisions itself (the same applyDecisions as the scan), so it
  // holds every finding and a decision can be undone.
  const { userConfigDir, ...scanOptions } = options.scan;
  const notices: string[] = [];
  const decisions = userConfigDir === undefined ? undefined : readUserDecisions(userConfigDir, notices);
  const triage: Triage = {
    decisions,
    blocked: userConfigDir === undefined ? 'your decisions are off (--no-user-config)' : whyNotWritable(userConfigDir, options.scan.roots),
  };
  const startScan = async (onProgress: (progress: ScanProgress) => void) => {
    const scanned = await scan({ ...scanOptions, onProgress });
    return scanned.ok ? ok({ ...scanned.value, notices: [...notices, ...scanned.value.notices] }) : scanned;
  };
  const instance = render(
    <App
      roots={options.scan.roots}
      startScan={startScan}
      plan={(result, rw) => planFor(result, rw)}
      onExit={(state) => (final = state)}
      triage={triage}
      save={(before, after) => saveDecisionChanges(userConfigDir!, decisionChanges(before, after), options.scan.roots, today())}
      editor={{ command: (file, line) => editorCommand(process.env, file, line), run: runEditor }}
    />,
    {
      stdin: options.stdin ?? process.stdin,
      stdout: options.stdout ?? process.stdout,
      stderr: options.stderr ?? process.stderr,
      alternateScreen: true,
      // Only called on a terminal (the CLI checks): draw even where CI variables are set.
      interactive: true,
      patchConsole: false,
    },
  );
  await instance.waitUntilExit();
  return outcomeOf(final);
}
