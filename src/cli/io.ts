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
