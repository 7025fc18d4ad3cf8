import { existsSync } from 'node:fs';

/**
 * `airlock frobnicate`: a lone word that is neither a command nor an existing path reads as a
 * mistyped command, so the message names the commands instead of saying "no such folder".
 * Anything with a path separator or a dot, or that exists, is a folder to scan as before.
 */
export function lookLikeCommand(argv: readonly string[], commands: readonly string[]): string | undefined {
  const words = argv.filter((arg) => !arg.startsWith('-'));
  const first = words[0];
  if (first === undefined || argv[0] !== first) return undefined;
  if (!/^[a-z][a-z-]{1,30}$/.test(first) || existsSync(first)) return undefined;
  return `"${first}" is not a command or a folder here; the commands are ${commands.join(', ')} (airlock --help)`;
}
