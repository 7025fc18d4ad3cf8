import { render } from 'ink';
import type { Outcome } from '../model/outcome.js';
import type { ScanResult } from '../model/result.js';
import { scan, type ScanOptions } from '../pipeline/scan.js';
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
  const instance = render(
    <App
      roots={options.scan.roots}
      startScan={(onProgress) => scan({ ...options.scan, onProgress })}
      plan={(result, rw) => planFor(result, rw)}
      onExit={(state) => (final = state)}
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
