import { execFileSync } from 'node:child_process';
import { summarize, type Summary } from '../lib/stats.ts';
import { runTimed } from './run-timed.ts';
import { airlockCommand, createCacheHome, type CacheHome, type Paths } from './tools.ts';

export interface HistoryResult {
  repo: string;
  commits: number;
  /** Every blob in the object database. */
  blobs: number;
  blobBytes: number;
  /** Blobs not in the checked-out tree: what the history scan reads (the rest are scanned as files). */
  historyBlobs: number;
  historyBytes: number;
  withHistory: Summary;
  withoutHistory: Summary;
  /** Rescans with the cache folder the last cold scan left (when asked for). */
  warm?: Summary;
  peakRssMiB: number;
}

const git = (repo: string, args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30 });

/**
 * History throughput on one repository: airlock scans it with and without `--no-history`,
 * alternately; the difference is the time the history took, and blobs/s and MB/s are the
 * history blobs (those not identical to a checked-out file, which airlock skips) over it.
 */
export async function measureHistory(paths: Paths, repo: string, rounds: number, log: (line: string) => void, warmRounds = 0): Promise<HistoryResult> {
  const inHead = new Set(git(repo, ['ls-tree', '-r', 'HEAD']).split('\n').filter(Boolean).map((line) => line.split(/\s+/)[2]!));
  let blobs = 0;
  let blobBytes = 0;
  let historyBlobs = 0;
  let historyBytes = 0;
  for (const line of git(repo, ['cat-file', '--batch-all-objects', '--batch-check=%(objectname) %(objecttype) %(objectsize)']).split('\n')) {
    const [oid, type, size] = line.split(' ');
    if (type !== 'blob') continue;
    blobs++;
    blobBytes += Number(size);
    if (!inHead.has(oid!)) {
      historyBlobs++;
      historyBytes += Number(size);
    }
  }
  const commits = Number(git(repo, ['rev-list', '--count', '--all']).trim());
  const withHistory: number[] = [];
  const withoutHistory: number[] = [];
  const warm: number[] = [];
  let peakRssKiB = 0;
  const scanArgs = ['scan', repo, '--format', 'json', '--fail-on', 'never'];
  // The last cold scan's cache folder is kept for the warm rescans.
  let primed: CacheHome | undefined;
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const extra of [[], ['--no-history']]) {
        const home = createCacheHome();
        try {
          const timing = await runTimed(airlockCommand(paths, [...scanArgs, ...extra], home.env));
          (extra.length === 0 ? withHistory : withoutHistory).push(timing.wallSeconds);
          if (extra.length === 0) peakRssKiB = Math.max(peakRssKiB, timing.peakRssKiB);
          log(`    history round ${round}: airlock scan ${extra.join(' ') || '(with history)'}: ${timing.wallSeconds.toFixed(2)} s ${timing.cpuSeconds.toFixed(2)} s CPU ${(timing.peakRssKiB / 1024).toFixed(0)} MiB`);
        } finally {
          if (extra.length === 0 && round === rounds && warmRounds > 0) primed = home;
          else home.remove();
        }
      }
    }
    for (let round = 1; primed && round <= warmRounds; round++) {
      const timing = await runTimed(airlockCommand(paths, scanArgs, primed.env));
      warm.push(timing.wallSeconds);
      peakRssKiB = Math.max(peakRssKiB, timing.peakRssKiB);
      log(`    history warm rescan ${round}: ${timing.wallSeconds.toFixed(2)} s ${timing.cpuSeconds.toFixed(2)} s CPU ${(timing.peakRssKiB / 1024).toFixed(0)} MiB`);
    }
  } finally {
    primed?.remove();
  }
  return {
    ...(warm.length > 0 ? { warm: summarize(warm) } : {}),
    repo,
    commits,
    blobs,
    blobBytes,
    historyBlobs,
    historyBytes,
    withHistory: summarize(withHistory),
    withoutHistory: summarize(withoutHistory),
    peakRssMiB: peakRssKiB / 1024,
  };
}
