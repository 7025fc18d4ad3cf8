import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fail, ok, type Outcome } from '../model/outcome.js';
import { runGit } from './git-process.js';

const MARKER = '# Installed by airlock';
const BACKUP_SUFFIX = '.airlock-backup';

const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** The pre-commit script: absolute paths, so it works whatever PATH the commit runs with. */
export function hookScript(nodePath: string, binPath: string): string {
  return [
    '#!/bin/sh',
    `${MARKER} (airlock hook install). Remove with: airlock hook uninstall`,
    '# Blocks a commit whose staged changes hold a secret. Bypass once: git commit --no-verify',
    `exec ${shellQuote(nodePath)} ${shellQuote(binPath)} scan --staged`,
    '',
  ].join('\n');
}

/** Where git runs hooks from in the repository at `cwd` (honours core.hooksPath). */
function hooksDirectory(cwd: string): Outcome<string> {
  const top = runGit(['rev-parse', '--show-toplevel'], { cwd });
  if (!top.ok) return fail(`${cwd} is not inside a git repository`);
  const repoRoot = top.value.toString().trim();
  const hooks = runGit(['rev-parse', '--git-path', 'hooks'], { cwd: repoRoot });
  if (!hooks.ok) return hooks;
  return ok(resolve(repoRoot, hooks.value.toString().trim()));
}

const isOurs = (file: string) => existsSync(file) && readFileSync(file, 'utf8').includes(MARKER);

export function installHook(cwd: string, script: string, force: boolean): Outcome<string> {
  const dir = hooksDirectory(cwd);
  if (!dir.ok) return dir;
  const file = join(dir.value, 'pre-commit');
  if (existsSync(file) && !isOurs(file)) {
    if (!force) return fail(`${file} exists and was not written by airlock; use --force to replace it (it is kept as pre-commit${BACKUP_SUFFIX})`);
    renameSync(file, file + BACKUP_SUFFIX);
  }
  mkdirSync(dir.value, { recursive: true });
  writeFileSync(file, script);
  chmodSync(file, 0o755);
  return ok(file);
}

export function uninstallHook(cwd: string): Outcome<string> {
  const dir = hooksDirectory(cwd);
  if (!dir.ok) return dir;
  const file = join(dir.value, 'pre-commit');
  if (!existsSync(file)) return ok(`no pre-commit hook in ${dir.value}`);
  if (!isOurs(file)) return fail(`${file} was not written by airlock; left as it is`);
  rmSync(file);
  if (existsSync(file + BACKUP_SUFFIX)) {
    renameSync(file + BACKUP_SUFFIX, file);
    return ok(`removed airlock's hook and restored the earlier one: ${file}`);
  }
  return ok(`removed ${file}`);
}
