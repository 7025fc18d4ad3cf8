import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noteCommand } from '../report/commands.ts';

export const TIME_BINARY = '/usr/bin/time';

export interface Command {
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Exit codes that mean the run worked (rg exits 1 when nothing matched). */
  okExitCodes?: readonly number[];
}

export interface Timing {
  wallSeconds: number;
  /** Peak resident set of the largest process of the run (GNU time's %M), KiB. */
  peakRssKiB: number;
  /** User + system CPU time of the run and its children (%U + %S): less sensitive than wall to other load. */
  cpuSeconds: number;
}

/** Fails early and clearly when GNU time is missing: peak RSS cannot be measured without it. */
export function assertTimeAvailable(): void {
  if (!existsSync(TIME_BINARY)) {
    throw new Error(`${TIME_BINARY} is missing: it measures peak memory. Install GNU time (apt-get install time) and run again.`);
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'airlock-bench-time-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
let runs = 0;

/**
 * Runs a command under GNU time: wall time from `process.hrtime` around the child, peak RSS
 * from `%M`, CPU time from `%U` + `%S`. Standard output goes to /dev/null (or is captured); a failing run throws with
 * its standard error.
 */
export function runTimed(command: Command, options: { capture?: boolean; onStdout?: (chunk: Buffer) => void } = {}): Promise<Timing & { stdout: string }> {
  noteCommand(command);
  const rssFile = join(scratch, `time-${runs++}`);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(TIME_BINARY, ['-f', '%M %U %S', '-o', rssFile, command.command, ...command.args], {
      cwd: command.cwd,
      env: command.env ?? process.env,
      stdio: ['ignore', options.capture || options.onStdout ? 'pipe' : 'ignore', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => {
      options.onStdout?.(chunk);
      if (options.capture) out.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      const ok = command.okExitCodes ?? [0];
      if (code === null || !ok.includes(code)) {
        const stderr = Buffer.concat(err).toString().trim().split('\n').slice(-5).join('\n');
        reject(new Error(`${command.command} ${command.args.join(' ')} exited with ${code}:\n${stderr}`));
        return;
      }
      const [rss, user, system] = readFileSync(rssFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
      rmSync(rssFile, { force: true });
      resolve({ wallSeconds, peakRssKiB: rss!, cpuSeconds: user! + system!, stdout: Buffer.concat(out).toString() });
    });
  });
}
