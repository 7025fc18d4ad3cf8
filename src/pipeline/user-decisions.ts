import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import type { UserDecisions } from '../model/decisions.js';
import { fail, ok, type Outcome } from '../model/outcome.js';
import { hasChanges, isUnder, type DecisionChanges } from '../verdict/apply-decisions.js';
import { parseAllowlistText, parsePlanChoicesText, updateAllowlistText, updatePlanChoicesText } from '../verdict/decisions-text.js';

/** The files in the user's config folder: accepted findings, and plan choices. */
export const ALLOWLIST_NAME = 'allowlist';
export const PLAN_CHOICES_NAME = 'plan-choices';

/**
 * airlock's config folder: `$AIRLOCK_CONFIG_DIR`, else `$XDG_CONFIG_HOME/airlock`, else
 * `~/.config/airlock`. It holds the user's decisions (fingerprints, rule ids, paths, dates).
 */
export function userConfigDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.AIRLOCK_CONFIG_DIR) return resolve(env.AIRLOCK_CONFIG_DIR);
  if (env.XDG_CONFIG_HOME) return join(resolve(env.XDG_CONFIG_HOME), 'airlock');
  const home = env.HOME ?? homedir();
  return home ? join(home, '.config', 'airlock') : undefined;
}

export const decisionFiles = (dir: string) => ({ allowlistFile: join(dir, ALLOWLIST_NAME), planChoicesFile: join(dir, PLAN_CHOICES_NAME) });

/**
 * A decision file's text: '' when it does not exist. One that other users can write is not
 * obeyed (they could accept any finding for you); it is named in a notice instead.
 */
function readDecisionFile(file: string, notices: string[]): string {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') notices.push(`${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}: cannot read; your decisions in it are not applied`);
    return '';
  }
  const isOthers = (process.getuid !== undefined && stats.uid !== process.getuid()) || (stats.mode & 0o022) !== 0;
  const refusal = !stats.isFile() ? 'not a file' : isOthers ? 'not yours alone: other users can write it (chmod 600 it)' : undefined;
  if (refusal) {
    notices.push(`${file}: ${refusal}; your decisions in it are not applied`);
    return '';
  }
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    notices.push(`${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}: cannot read; your decisions in it are not applied`);
    return '';
  }
}

const exists = (path: string) => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

/** The user's decisions; bad lines are notices (the user's own file must not stop a scan). */
export function readUserDecisions(dir: string, notices: string[]): UserDecisions {
  const files = decisionFiles(dir);
  const allowlist = parseAllowlistText(readDecisionFile(files.allowlistFile, notices), files.allowlistFile);
  const choices = parsePlanChoicesText(readDecisionFile(files.planChoicesFile, notices), files.planChoicesFile);
  notices.push(...[...allowlist.errors, ...choices.errors].map((e) => `line ignored: ${e}`));
  // A file left out that is gone now needs no mount split around it (the line stays in the file).
  const present = choices.choices.filter((c) => c.choice !== 'leave-out' || exists(c.path));
  return { ...files, accepted: allowlist.accepted, choices: present };
}

/** The real path of `path`, or of its nearest existing folder with the rest appended. */
function realOrNearest(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(realOrNearest(parent), absolute.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
  }
}

/** Why decisions cannot be saved in `dir` for a scan of `roots`: airlock never writes into a scanned folder. */
export function whyNotWritable(dir: string, roots: readonly string[]): string | undefined {
  const real = realOrNearest(dir);
  const root = roots.find((r) => isUnder(real, realOrNearest(r)));
  return root === undefined
    ? undefined
    : `${dir} is inside the scanned folder ${root}, and airlock never writes there: set AIRLOCK_CONFIG_DIR or XDG_CONFIG_HOME to a folder outside it`;
}

/** Writes a file whole or not at all: a temporary file beside it (0600), synced, renamed over it. */
function writeAtomically(file: string, text: string): void {
  let target = file;
  try {
    if (lstatSync(file).isSymbolicLink()) target = realpathSync(file); // a dotfile manager's link stays a link
  } catch {
    // not there yet
  }
  const partial = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const fd = openSync(partial, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Applies the changes to the files as they are on disk now (another airlock may have added
 * lines since they were read), creating the folder (0700) and the files (0600) when needed.
 */
export function saveDecisionChanges(dir: string, changes: DecisionChanges, roots: readonly string[], date: string): Outcome<void> {
  if (!hasChanges(changes)) return ok(undefined);
  const refused = whyNotWritable(dir, roots);
  if (refused) return fail(refused);
  const files = decisionFiles(dir);
  const current = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (changes.accept.length > 0 || changes.unaccept.size > 0) {
      writeAtomically(files.allowlistFile, updateAllowlistText(current(files.allowlistFile), changes.accept, changes.unaccept, date));
    }
    if (changes.choose.length > 0 || changes.unchoose.size > 0) {
      writeAtomically(files.planChoicesFile, updatePlanChoicesText(current(files.planChoicesFile), changes.choose, changes.unchoose, date));
    }
    return ok(undefined);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return fail(`cannot save your decision in ${dir}: ${e.code ?? e.message}`);
  }
}
