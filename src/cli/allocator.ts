import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { leadingOptions } from './leading-options.js';

/**
 * glibc's malloc moves its mmap threshold up each time a large block is freed (to 32 MiB at
 * most), so after the first multi-megabyte file, buffers that size come from the threads'
 * arenas, which keep the memory once it is freed: on the bench's whole disk (500,000 files) the
 * arenas held about 100 MiB and the scan peaked at 443 MiB. With the threshold set (it then
 * stays put) blocks that large are mapped and given back when freed: 366 MiB, in the same time.
 * It is 64 KiB, half glibc's default, because what a pipe gives Node comes in blocks of exactly
 * 64 KiB: a worker reading gigabytes of history from `git cat-file` filled its arena with them
 * between collections, and kept the arena. Twenty repositories with their histories peaked at
 * 415-429 MiB with 128 KiB (two arenas of ~50 MiB each) and at 361-400 MiB with 64 KiB; Rails
 * (5.5 GB of blobs through the pipes) and the bench's full tier took the same time with either.
 * glibc reads the setting only when a process starts, so a command that walks a tree starts
 * itself once more with it (same process, same arguments and streams: `process.execve`). Not
 * a commit's scan (`scan --staged`, where Node's start is most of the time), unless the commit
 * turns out large (`restartWhenLarge`); never where the user set the allocator up already.
 */
const SETTING = 'MALLOC_MMAP_THRESHOLD_';
export const MMAP_THRESHOLD = String(64 * 1024);

/** Commands that never walk a tree: not worth a second start. */
const QUICK = new Set(['--version', '-V', 'help', 'rules', 'hook']);
/** Options that make any command quick (a commit's scan, or help). */
const QUICK_OPTIONS = new Set(['--staged', '--help', '-h']);

/** Whether the allocator can be set here by a new start: on Linux, and not set by the user already (all a large command asks). */
export const canSetAllocator = (env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform) =>
  platform === 'linux' && env[SETTING] === undefined && !env.GLIBC_TUNABLES?.includes('mmap_threshold');

/** Whether `airlock <args>` should start again with the allocator set (see above). */
export function wantsSteadyAllocator(args: readonly string[], env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  if (!canSetAllocator(env, platform)) return false;
  const options = leadingOptions(args);
  return !QUICK.has(options[0] ?? '') && !options.some((option) => QUICK_OPTIONS.has(option));
}

/** At start: replaces this process with the same command, the allocator set, when the command wants it (see above). */
export function restartWithSteadyAllocator(args: readonly string[]): void {
  if (wantsSteadyAllocator(args)) restart();
}

/**
 * Once a command finds it has much to read (a staged commit of many blobs): the same, when
 * this process is airlock's CLI. Call it before anything is written or started that the new
 * process would not know of.
 */
export function restartWhenLarge(): void {
  if (canSetAllocator() && isOwnCli()) restart();
}

/** Replaces this process with the same command, the allocator set; returns only when it cannot (no `process.execve`: then it runs as it is). */
function restart(): void {
  const execve = (process as { execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never }).execve;
  if (typeof execve !== 'function') return;
  try {
    execve.call(process, process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], { ...process.env, [SETTING]: MMAP_THRESHOLD });
  } catch {
    // execve(2) refused (a seccomp filter, a vanished binary): scanning without the setting is still right.
  }
}

/** Whether this process runs airlock's CLI (`dist/bin.js`), not a program that loaded its commands (a test). */
function isOwnCli(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(new URL('../bin.js', import.meta.url)));
  } catch {
    return false;
  }
}
