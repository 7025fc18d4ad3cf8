import { useApp } from 'ink';
import { useEffect, type Dispatch } from 'react';
import type { EditorCommand } from './editor-command.js';
import type { TuiAction, TuiState } from './state.js';
import { useHomeCursor } from './use-home-cursor.js';

/** The editor as the app sees it: the command for a file and line, and running it (the terminal is the editor's meanwhile). */
export interface Editor {
  command: (file: string, line?: number) => EditorCommand;
  /** Runs the command to its end; a reason when it could not run or failed. */
  run: (command: string, args: readonly string[]) => string | undefined;
}

/**
 * Opens the file the user asked for: ink hands the terminal over (raw mode off, the alternate
 * screen left) while the editor runs, then takes it back and draws the whole frame again.
 */
export function useEditor(state: TuiState, dispatch: Dispatch<TuiAction>, editor: Editor): void {
  const { suspendTerminal } = useApp();
  const home = useHomeCursor();
  useEffect(() => {
    const request = state.pendingOpen;
    if (!request) return;
    const command = editor.command(request.file, request.line);
    if (!command.ok) {
      dispatch({ type: 'opened', status: command.reason });
      return;
    }
    let status: string | undefined;
    void suspendTerminal(() => {
      status = editor.run(command.command, command.args);
    }).then(
      () => {
        home();
        dispatch({ type: 'opened', status });
      },
      (error: unknown) => dispatch({ type: 'opened', status: `the editor could not run: ${(error as Error).message}` }),
    );
  }, [state.pendingOpen]);
}
