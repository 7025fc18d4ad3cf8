import { spawnSync } from 'node:child_process';
import { summarize, type Summary } from '../lib/stats.ts';
import { shellQuote } from '../report/commands.ts';
import { runTimed } from './run-timed.ts';
import { airlockCommand, createCacheHome, type Paths } from './tools.ts';

/** What the progress display did during one run, seconds. */
export interface ProgressGaps {
  /** Updates seen (each a redraw of the line on stderr). */
  updates: number;
  /** From the start to the first update. */
  first: number;
  /** The longest time between two updates. */
  between: number;
  /** From the last update to the end of the run (the report being written). */
  last: number;
}

export interface DiskResult {
  root: string;
  files: number;
  bytes: number;
  /** `airlock scan` as a user runs it (history included), with its progress display on a terminal. */
  scan: Summary;
  cpu: Summary;
  peakRssMiB: number;
  gaps: ProgressGaps | undefined;
  /** The same with `--no-history`, no terminal. */
  noHistory: Summary;
  noHistoryCpu: Summary;
  noHistoryPeakRssMiB: number;
}

const MARK = Buffer.from('scanning');

/** Times of each progress redraw in a terminal's output, as seconds from `started`. */
function progressWatcher(started: bigint) {
  const times: number[] = [];
  let tail = Buffer.alloc(0);
  return {
    times,
    onStdout(chunk: Buffer) {
      const now = Number(process.hrtime.bigint() - started) / 1e9;
      const text = Buffer.concat([tail, chunk]);
      let count = 0;
      for (let at = text.indexOf(MARK); at !== -1; at = text.indexOf(MARK, at + MARK.length)) count++;
      for (let i = 0; i < count; i++) times.push(now);
      tail = text.subarray(Math.max(text.length - MARK.length + 1, text.lastIndexOf(MARK) + MARK.length));
    },
  };
}

function gapsOf(times: number[], end: number): ProgressGaps | undefined {
  if (times.length === 0) return undefined;
  let between = 0;
  for (let i = 1; i < times.length; i++) between = Math.max(between, times[i]! - times[i - 1]!);
  return { updates: times.length, first: times[0]!, between, last: end - times[times.length - 1]! };
}

export const hasScript = () => spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * The whole-disk tier: `airlock scan` of it, cold, as a user would run it, in a terminal made by
 * `script` (util-linux) so the progress line is drawn as on a laptop: every redraw is
 * timestamped and the longest wait between two is the "never looks stalled" figure. Then the
 * same with `--no-history`, alternated, without a terminal.
 */
export async function measureDisk(paths: Paths, tier: { root: string; files: number; bytes: number }, rounds: number, log: (line: string) => void): Promise<DiskResult> {
  const withHistory = { wall: [] as number[], cpu: [] as number[], rss: 0, gaps: undefined as ProgressGaps | undefined };
  const without = { wall: [] as number[], cpu: [] as number[], rss: 0 };
  const terminal = hasScript();
  for (let round = 1; round <= rounds; round++) {
    const home = createCacheHome();
    try {
      const scan = airlockCommand(paths, ['scan', tier.root, '--format', 'json', '--fail-on', 'never'], home.env);
      const started = process.hrtime.bigint();
      const watcher = progressWatcher(started);
      const line = `${[scan.command, ...scan.args].map(shellQuote).join(' ')} >/dev/null`;
      const timing = terminal
        ? await runTimed({ command: 'script', args: ['-qfec', line, '/dev/null'], env: scan.env }, { onStdout: watcher.onStdout })
        : await runTimed(scan);
      const gaps = gapsOf(watcher.times, timing.wallSeconds);
      if (gaps && (!withHistory.gaps || Math.max(gaps.first, gaps.between, gaps.last) > Math.max(withHistory.gaps.first, withHistory.gaps.between, withHistory.gaps.last))) withHistory.gaps = gaps;
      withHistory.wall.push(timing.wallSeconds);
      withHistory.cpu.push(timing.cpuSeconds);
      withHistory.rss = Math.max(withHistory.rss, timing.peakRssKiB);
      const progress = gaps ? `, ${gaps.updates} progress updates, longest gap ${gaps.between.toFixed(1)} s (first ${gaps.first.toFixed(1)} s, last → end ${gaps.last.toFixed(1)} s)` : '';
      log(`    disk round ${round}: airlock scan: ${timing.wallSeconds.toFixed(1)} s wall ${timing.cpuSeconds.toFixed(1)} s CPU ${(timing.peakRssKiB / 1024).toFixed(0)} MiB${progress}`);
    } finally {
      home.remove();
    }
    const cold = createCacheHome();
    try {
      const timing = await runTimed(airlockCommand(paths, ['scan', tier.root, '--format', 'json', '--fail-on', 'never', '--no-history'], cold.env));
      without.wall.push(timing.wallSeconds);
      without.cpu.push(timing.cpuSeconds);
      without.rss = Math.max(without.rss, timing.peakRssKiB);
      log(`    disk round ${round}: airlock scan --no-history: ${timing.wallSeconds.toFixed(1)} s wall ${timing.cpuSeconds.toFixed(1)} s CPU ${(timing.peakRssKiB / 1024).toFixed(0)} MiB`);
    } finally {
      cold.remove();
    }
  }
  return {
    ...tier,
    scan: summarize(withHistory.wall),
    cpu: summarize(withHistory.cpu),
    peakRssMiB: withHistory.rss / 1024,
    gaps: withHistory.gaps,
    noHistory: summarize(without.wall),
    noHistoryCpu: summarize(without.cpu),
    noHistoryPeakRssMiB: without.rss / 1024,
  };
}
