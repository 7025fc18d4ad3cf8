import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fail, ok, type Outcome } from '../model/outcome.js';

const isInside = (inner: string, outer: string) => inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);

/** The real path of `path`, resolving links in the part of it that exists. */
function realPathOf(path: string): string {
  let existing = resolve(path);
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(existing), ...rest);
    } catch {
      if (dirname(existing) === existing) return join(existing, ...rest);
      rest.unshift(basename(existing));
      existing = dirname(existing);
    }
  }
}

/**
 * Where `airlock stage PATH --to DIR` may write: never PATH itself, nor inside it (links
 * resolved), and only into a folder that is missing or empty.
 */
export function checkStageDestination(source: string, destination: string): Outcome<{ source: string; destination: string }> {
  const realSource = realPathOf(source);
  const realDestination = realPathOf(destination);
  if (realDestination === realSource) return fail(`--to ${destination}: that is ${source} itself; airlock never writes into the folder it stages`);
  if (isInside(realDestination, realSource)) return fail(`--to ${destination}: inside ${source}; airlock never writes into the folder it stages`);
  try {
    if (!statSync(realDestination).isDirectory()) return fail(`--to ${destination}: exists and is not a folder`);
    if (readdirSync(realDestination).length > 0) return fail(`--to ${destination}: exists and is not empty; give a new or empty folder`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return fail(`--to ${destination}: ${(error as NodeJS.ErrnoException).code ?? 'error'}: cannot use it`);
  }
  return ok({ source: resolve(source), destination: realDestination });
}
