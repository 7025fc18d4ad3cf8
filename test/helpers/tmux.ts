import { spawnSync } from 'node:child_process';
import { onTestFinished } from 'vitest';

/** Whether tmux can run here: the TUI tests need a real terminal. */
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** Quotes text for the shell line tmux runs. */
export const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * A tmux server of our own (its own socket), so a test touches no other session. `start` runs
 * a shell command line in a new pane (120×40 unless told) that stays open when it ends; the
 * test reads the screen with `capture-pane` and types with `send-keys`. The server is stopped
 * when the test finishes, passed or failed.
 */
export function useTmux(env: NodeJS.ProcessEnv) {
  const socket = `airlock-test-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const tmux = (...args: string[]) => {
    const run = spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
    if (run.status !== 0) throw new Error(`tmux ${args[0]} failed: ${run.stderr}`);
    return run.stdout;
  };
  const screen = () => tmux('capture-pane', '-p', '-t', 'main');
  const waitFor = async (pattern: RegExp | string, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = screen();
      if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; the screen shows:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const stop = () => spawnSync('tmux', ['-L', socket, 'kill-server']);
  onTestFinished(() => void stop());
  return {
    start: (command: string, size = { columns: 120, rows: 40 }) =>
      tmux('new-session', '-d', '-x', String(size.columns), '-y', String(size.rows), '-s', 'main', `${command}; sleep 600`),
    keys: (...keys: string[]) => tmux('send-keys', '-t', 'main', ...keys),
    resize: (columns: number, rows: number) => tmux('resize-window', '-t', 'main', '-x', String(columns), '-y', String(rows)),
    screen,
    /** The screen with its attributes as escape sequences (what tmux itself draws). */
    screenWithEscapes: () => tmux('capture-pane', '-p', '-e', '-t', 'main'),
    waitFor,
  };
}
