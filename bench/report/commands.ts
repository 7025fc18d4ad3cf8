import type { Command } from '../measure/run-timed.ts';

/** Every command line the run timed, once each, in the order first run. */
const seen = new Set<string>();
const cacheVariables = ['AIRLOCK_CACHE_DIR'];

/** Quotes an argument for a POSIX shell when it needs it. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** Called by runTimed for each run: the line as a shell would take it, with the cache folder it got. */
export function noteCommand(command: Command): void {
  const env = cacheVariables.some((name) => command.env?.[name] !== undefined) ? 'HOME=… XDG_CACHE_HOME=… AIRLOCK_CACHE_DIR=<private cache folder> ' : '';
  const cwd = command.cwd ? `(cd ${shellQuote(command.cwd)} && ` : '';
  seen.add(`${cwd}${env}${[command.command, ...command.args].map(shellQuote).join(' ')}${cwd ? ')' : ''}`);
}

/**
 * The command lines, shortened: the Node binary as `node`, the airlock repository as `.`, the
 * corpus folder as `$CORPUS`; each timed by `/usr/bin/time -f '%M %U %S'` (peak RSS, CPU).
 */
export function commandLines(context: { node: string; repo: string; corpus: string }): string[] {
  const shorten = (line: string) => line.replaceAll(`${context.repo}/`, '').replaceAll(context.corpus, '$CORPUS').replaceAll(context.node, 'node');
  return [...new Set([...seen].map(shorten))];
}
