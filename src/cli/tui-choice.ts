import { parseArgs } from 'node:util';
import type { Io } from './io.js';

/**
 * Flags that make `airlock [PATH...]` print the plain scan instead of opening the TUI: they
 * ask for output another program reads (--format), for the git-hook scan (--staged), for
 * help, or for plain output outright (--no-tui).
 */
export const PLAIN_ONLY_FLAGS = ['format', 'staged', 'help', 'no-tui'] as const;

/** Whether `airlock ARGS` (no command) opens the TUI: stdin and stdout are terminals and no plain-only flag is given. */
export function wantsTui(args: readonly string[], io: Pick<Io, 'isTerminal' | 'isInTerminal'>): boolean {
  if (!io.isTerminal || !io.isInTerminal) return false;
  const { tokens } = parseArgs({ args: [...args], strict: false, allowPositionals: true, tokens: true, options: { help: { type: 'boolean', short: 'h' } } });
  return !tokens.some((t) => t.kind === 'option' && (PLAIN_ONLY_FLAGS as readonly string[]).includes(t.name));
}
