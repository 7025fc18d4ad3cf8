import { spawn, spawnSync } from 'node:child_process';
import { fail, ok, type Outcome } from '../model/outcome.js';

/**
 * Every git call airlock makes. Read-only by construction: optional locks off (so git never
 * refreshes and rewrites the index of a scanned repository), any owner's repository allowed,
 * no pager, no prompts.
 */
export const GIT_ENV = {
  GIT_OPTIONAL_LOCKS: '0',
  GIT_TERMINAL_PROMPT: '0',
  GIT_PAGER: 'cat',
  // A partial clone would fetch a missing object from its remote (git 2.45+ obeys this).
  GIT_NO_LAZY_FETCH: '1',
  LC_ALL: 'C',
} as const;

/**
 * git maps pack files in windows of up to 1 GiB and caches 96 MiB of delta bases: reading
 * every blob of Rails' 400 MB pack took `cat-file --batch` to 507 MiB, more than airlock itself
 * (and a peak measured over the process tree counts it). Within 64 MiB of windows and a 32 MiB
 * cache it stays under 100 MiB, for about 1 s more CPU per 100,000 blobs.
 */
const PACK_MEMORY = ['-c', 'core.packedGitWindowSize=16m', '-c', 'core.packedGitLimit=64m', '-c', 'core.deltaBaseCacheLimit=32m'];

/**
 * A repository's configuration can name commands git runs by itself, and scanning a folder
 * must never run what the folder says: `core.fsmonitor` is run by any command that reads the
 * index (ls-files included), `gpg.program` by `log` when `log.showSignature` is set and a
 * commit is signed, and a transport's helper when a partial clone fetches a missing object
 * (git before 2.45 ignores GIT_NO_LAZY_FETCH). All three are switched off for every call.
 */
const NO_COMMANDS = ['-c', 'core.fsmonitor=false', '-c', 'log.showSignature=false', '-c', 'protocol.allow=never'];

const BASE_ARGS = ['-c', 'safe.directory=*', '-c', 'core.quotepath=off', ...NO_COMMANDS, ...PACK_MEMORY];

export interface GitLocation {
  /** The git directory (`.git`, or a bare repository). */
  gitDir: string;
  /** The work tree, when there is one. */
  workTree?: string;
}

const locationArgs = (at: GitLocation) => [`--git-dir=${at.gitDir}`, ...(at.workTree ? [`--work-tree=${at.workTree}`] : [])];

let isAvailable: boolean | undefined;

/** Whether a `git` executable can be run at all. Asked once. */
export function hasGit(): boolean {
  isAvailable ??= spawnSync('git', ['--version'], { stdio: 'ignore' }).error === undefined;
  return isAvailable;
}

/** Runs git to completion and returns its standard output. */
export function runGit(args: string[], options: { cwd?: string; at?: GitLocation } = {}): Outcome<Buffer> {
  const result = spawnSync('git', [...BASE_ARGS, ...(options.at ? locationArgs(options.at) : []), ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...GIT_ENV },
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (result.error) return fail(`git ${args[0]}: ${result.error.message}`);
  if (result.status !== 0) return fail(`git ${args[0]}: ${result.stderr.toString().trim().split('\n')[0] || `exit ${result.status}`}`);
  return ok(result.stdout);
}

/** How a streamed git call runs: where, what it reads on its standard input, and what is told when its output ends. */
interface StreamOptions {
  cwd?: string;
  /** Written to git's standard input, which is then closed (none: git reads nothing). */
  input?: Buffer;
  onEnd?: () => void;
}

/**
 * Runs git without blocking the event loop and hands each chunk of its output to `take` as it
 * comes; `take` returns false to stop early (git is then stopped, and that is no failure).
 */
function streamGit(args: string[], at: GitLocation, take: (chunk: Buffer) => boolean, { cwd, input, onEnd }: StreamOptions = {}): Promise<Outcome<void>> {
  return new Promise((resolve) => {
    const child = spawn('git', [...BASE_ARGS, ...locationArgs(at), ...args], { cwd, env: { ...process.env, ...GIT_ENV }, stdio: ['pipe', 'pipe', 'pipe'] });
    // git may stop reading (it failed, or was stopped early): not an error of its own.
    child.stdin.on('error', () => {});
    child.stdin.end(input);
    const err: Buffer[] = [];
    let isStopped = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (isStopped || take(chunk)) return;
      isStopped = true;
      child.stdout.destroy();
      child.kill();
    });
    child.stdout.on('end', () => {
      if (!isStopped) onEnd?.();
    });
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => resolve(fail(`git ${args[0]}: ${error.message}`)));
    child.on('close', (status) => {
      if (isStopped || status === 0) resolve(ok(undefined));
      else resolve(fail(`git ${args[0]}: ${Buffer.concat(err).toString().trim().split('\n')[0] || `exit ${status}`}`));
    });
  });
}

/**
 * Runs git to completion without blocking the event loop: what the scan uses while worker
 * threads wait to be fed (a history listing can take seconds).
 */
export async function runGitAsync(args: string[], at: GitLocation, cwd?: string): Promise<Outcome<Buffer>> {
  const out: Buffer[] = [];
  const ran = await streamGit(args, at, (chunk) => out.push(chunk) > 0, { cwd });
  return ran.ok ? ok(Buffer.concat(out)) : ran;
}

const NO_BYTES = Buffer.alloc(0);

/**
 * Runs git and hands its output to `take` one line at a time (without the newline; empty lines
 * skipped), as it comes: only a chunk of the output is held, however large the repository
 * (`git log --raw` of a long history runs to gigabytes, an object listing to hundreds of
 * megabytes). `see`, if given, gets every chunk of the raw output first; `input` is written to
 * git's standard input. `take` returns false to stop early; git is then stopped, and that is
 * no failure.
 */
export function readGitLines(args: string[], at: GitLocation, take: (line: Buffer) => boolean, { see, input }: { see?: (chunk: Buffer) => void; input?: Buffer } = {}): Promise<Outcome<void>> {
  // The start of a line the last chunk cut off (a copy: the chunk itself can go).
  let carry = NO_BYTES;
  const eachChunk = (chunk: Buffer) => {
    see?.(chunk);
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let newline = data.indexOf(10); newline !== -1; newline = data.indexOf(10, start)) {
      if (newline > start && !take(data.subarray(start, newline))) return false;
      start = newline + 1;
    }
    carry = start < data.length ? Buffer.from(data.subarray(start)) : NO_BYTES;
    return true;
  };
  return streamGit(args, at, eachChunk, { input, onEnd: () => carry.length > 0 && take(carry) });
}

/** Starts a long-running git process (cat-file --batch) whose streams the caller drives. */
export function spawnGit(args: string[], at: GitLocation) {
  return spawn('git', [...BASE_ARGS, ...locationArgs(at), ...args], {
    env: { ...process.env, ...GIT_ENV },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}
