import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository, and the built CLI that `npm test` compiles before vitest runs. */
export const REPO_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
export const REPO = REPO_DIR;
export const FIXTURES = fileURLToPath(new URL('../../fixtures', import.meta.url));

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  /** A command that runs node for us, e.g. `setpriv …` to drop privileges. */
  wrapper?: readonly string[];
  /** Extra arguments for node itself (before the script). */
  nodeArgs?: readonly string[];
  timeoutMs?: number;
  /** Variables to set or override for the child (the rest of the environment is kept). */
  env?: NodeJS.ProcessEnv;
}

/** Runs `node dist/bin.js ARGS` as a child process, with no terminal and no colour. */
export function runCli(args: readonly string[], options: CliOptions = {}): CliRun {
  const nodeCommand = [process.execPath, ...(options.nodeArgs ?? []), BIN, ...args];
  const [command, ...rest] = [...(options.wrapper ?? []), ...nodeCommand];
  const result = spawnSync(command!, rest, {
    cwd: options.cwd ?? REPO_DIR,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 90_000,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** The JSON contract's shape, as far as the tests read it. */
export interface JsonReport {
  version: number;
  verdict: 'go' | 'review' | 'no-go';
  complete: boolean;
  roots: string[];
  findings: {
    ruleId: string;
    category: string;
    severity: string;
    root: string;
    path: string;
    line?: number;
    column?: number;
    source: string;
    secret?: string;
    fingerprint: string;
    message: string;
    remediation: string;
    locations?: { ruleId: string; root: string; path: string; line?: number; column?: number; source: string; commit?: string }[];
  }[];
  suppressed: unknown[];
  skipped: { root: string; path: string; reason: string; detail: string }[];
  excluded: { root: string; by: string; entries: number }[];
  stats: { files: number; bytes: number; durationMs: number };
}

/** `airlock scan --format json ARGS`: the exit code and the parsed report. */
export function scanJson(args: readonly string[], options: CliOptions = {}): { status: number | null; report: JsonReport; stderr: string } {
  const run = runCli(['scan', '--format', 'json', ...args], options);
  let report: JsonReport;
  try {
    report = JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(`scan printed no JSON (exit ${run.status}): ${run.stderr || run.stdout}`);
  }
  return { status: run.status, report, stderr: run.stderr };
}

/**
 * The same command line through `main()` in this process: what bin.js runs, without the cost
 * of starting node. Use it for large tables; keep a child-process run for each behaviour.
 */
export async function runMain(args: readonly string[]): Promise<CliRun> {
  const { main } = await import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const status = await main([...args], {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    isTerminal: false,
    env: { NO_COLOR: '1' },
  });
  return { status, signal: null, stdout, stderr };
}

/** `runCli` without blocking: independent commands of one test can run side by side. */
export function runCliAsync(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const nodeCommand = [process.execPath, ...(options.nodeArgs ?? []), BIN, ...args];
  const [command, ...rest] = [...(options.wrapper ?? []), ...nodeCommand];
  return new Promise((resolve, reject) => {
    const child = spawn(command!, rest, { cwd: options.cwd ?? REPO_DIR, env: { ...process.env, NO_COLOR: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

/** Runs `jobs` (functions returning promises) at most `limit` at a time, results in order. */
export async function inParallel<T>(jobs: (() => Promise<T>)[], limit = 2): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, lane));
  return results;
}
