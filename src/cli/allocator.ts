import { leadingOptions } from './leading-options.js';

/**
 * glibc's malloc moves its mmap threshold up each time a large block is freed (to 32 MiB at
 * most), so after the first multi-megabyte file, buffers that size come from the threads'
 * arenas, which keep the memory once it is freed: on the bench's whole disk (500,000 files) the
 * arenas held about 100 MiB and the scan peaked at 443 MiB. With the threshold set (at glibc's
 * own default, 128 KiB, which then stays put) blocks that large are mapped and given back when
 * freed: 366 MiB, in the same time. glibc reads the setting only when a process starts, so a
 * command that walks a tree starts itself once more with it (same process, same arguments and
 * streams: `process.execve`). Not `scan --staged` (a commit's scan, where Node's start is most
 * of the time and memory is small), nor where the user set the allocator up already.
 */
const SETTING = 'MALLOC_MMAP_THRESHOLD_';
export const MMAP_THRESHOLD = String(128 * 1024);

/** Commands that never walk a tree: not worth a second start. */
const QUICK = new Set(['--version', '-V', 'help', 'rules', 'hook']);
/** Options that make any command quick (a commit's scan, or help). */
const QUICK_OPTIONS = new Set(['--staged', '--help', '-h']);

/** Whether `airlock <args>` should start again with the allocator set (see above). */
export function wantsSteadyAllocator(args: readonly string[], env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux' || env[SETTING] !== undefined || env.GLIBC_TUNABLES?.includes('mmap_threshold')) return false;
  const options = leadingOptions(args);
  return !QUICK.has(options[0] ?? '') && !options.some((option) => QUICK_OPTIONS.has(option));
}

/** Replaces this process with the same command, the allocator set; returns only when it cannot (no `process.execve`: then it runs as it is). */
export function restartWithSteadyAllocator(args: readonly string[]): void {
  const execve = (process as { execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never }).execve;
  if (typeof execve !== 'function' || !wantsSteadyAllocator(args)) return;
  try {
    execve.call(process, process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], { ...process.env, [SETTING]: MMAP_THRESHOLD });
  } catch {
    // execve(2) refused (a seccomp filter, a vanished binary): scanning without the setting is still right.
  }
}
