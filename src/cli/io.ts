/** Where a command writes; a test passes its own. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  isTerminal: boolean;
  /** Whether stderr is a terminal (progress is drawn there). */
  isErrTerminal?: boolean;
  /** Whether stdin is a terminal (the TUI needs it for keys). */
  isInTerminal?: boolean;
  env: NodeJS.ProcessEnv;
}

export const processIo = (): Io => ({
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTerminal: Boolean(process.stdout.isTTY),
  isErrTerminal: Boolean(process.stderr.isTTY),
  isInTerminal: Boolean(process.stdin.isTTY),
  env: process.env,
});

/** How a program ends when its reader went away (128 + SIGPIPE), as `cat` and `yes` do. */
export const CLOSED_PIPE_EXIT = 141;

/**
 * A reader that stopped reading (`airlock rules list | head -3`) ends the command quietly with
 * 141, not with a stack trace; any other write error is still a bug and is thrown.
 */
export function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(CLOSED_PIPE_EXIT);
    });
  }
}
