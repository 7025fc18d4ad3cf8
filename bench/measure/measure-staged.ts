import { summarize, type Summary } from '../lib/stats.ts';
import { runTimed } from './run-timed.ts';
import { airlockCommand, createCacheHome, type Paths } from './tools.ts';

export interface StagedResult {
  floor: Summary;
  staged: Summary;
  peakRssMiB: number;
}

/**
 * `airlock scan --staged` on a 5-file staged change next to `node -e 0`, the start-up floor,
 * alternated. airlock's cache folder is a private one primed by one untimed run first, as a
 * hook that runs on every commit finds it.
 */
export async function measureStaged(paths: Paths, repo: string, runs: number, log: (line: string) => void): Promise<StagedResult> {
  const home = createCacheHome();
  const staged = airlockCommand(paths, ['scan', '--staged', '--fail-on', 'never'], home.env, repo);
  const floor = { command: process.execPath, args: ['-e', '0'], cwd: repo };
  try {
    await runTimed(staged);
    await runTimed(floor);
    const floorTimes: number[] = [];
    const stagedTimes: number[] = [];
    let peakRssKiB = 0;
    for (let i = 0; i < runs; i++) {
      floorTimes.push((await runTimed(floor)).wallSeconds);
      const timing = await runTimed(staged);
      stagedTimes.push(timing.wallSeconds);
      peakRssKiB = Math.max(peakRssKiB, timing.peakRssKiB);
    }
    const result = { floor: summarize(floorTimes), staged: summarize(stagedTimes), peakRssMiB: peakRssKiB / 1024 };
    log(`    --staged: median ${(result.staged.median * 1000).toFixed(0)} ms; node -e 0: median ${(result.floor.median * 1000).toFixed(0)} ms (${runs} runs each)`);
    return result;
  } finally {
    home.remove();
  }
}
