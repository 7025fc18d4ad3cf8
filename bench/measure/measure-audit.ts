import { summarize, type Summary } from '../lib/stats.ts';
import { runTimed } from './run-timed.ts';
import { airlockCommand, createCacheHome, type Paths } from './tools.ts';

export interface AuditResult {
  home: string;
  audit: Summary;
  peakRssMiB: number;
}

/**
 * `airlock audit --home <the full tree>`: the catalog of credential locations, the content scan
 * with caches and package stores left out (node_modules among them), and the advice; a cold
 * cache each round (a private cache folder, removed after), as a first audit of a laptop.
 */
export async function measureAudit(paths: Paths, home: string, rounds: number, log: (line: string) => void): Promise<AuditResult> {
  const times: number[] = [];
  let peakRssKiB = 0;
  for (let i = 0; i < rounds; i++) {
    const cache = createCacheHome();
    try {
      const timing = await runTimed({ ...airlockCommand(paths, ['audit', '--home', home, '--format', 'json', '--fail-on', 'never'], cache.env), okExitCodes: [0] });
      times.push(timing.wallSeconds);
      peakRssKiB = Math.max(peakRssKiB, timing.peakRssKiB);
    } finally {
      cache.remove();
    }
  }
  const result = { home, audit: summarize(times), peakRssMiB: peakRssKiB / 1024 };
  log(`    audit: median ${result.audit.median.toFixed(2)} s, peak ${result.peakRssMiB.toFixed(0)} MiB (${rounds} rounds)`);
  return result;
}
