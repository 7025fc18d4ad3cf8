import type { Tier } from '../corpus/build-corpus.ts';
import { summarize, type Summary } from '../lib/stats.ts';
import { runTimed, type Timing } from './run-timed.ts';
import { createTools, type CacheHome, type Paths, type ToolId } from './tools.ts';

export interface ToolResult {
  id: ToolId;
  label: string;
  /** Wall seconds by round (NaN where the tool did not run that round), for paired ratios. */
  rounds: number[];
  wall: Summary;
  cpu: Summary;
  /** The highest peak RSS of any round, MiB. */
  peakRssMiB: number;
}

export interface TierResult {
  tier: Tier;
  tools: ToolResult[];
}

export interface TierPlan {
  rounds: number;
  secretlintRounds: number;
  /** Include the warm-cache airlock runs (primed cache home), when airlock has a cache. */
  warmHome: CacheHome | undefined;
  skip: ReadonlySet<ToolId>;
}

/**
 * Measures every tool on one tier, alternating (A B C, A B C, ...) after one untimed read of
 * the whole tier so the page cache is warm for all of them. secretlint takes a minute or more
 * on the full tree, so it runs only in the first `secretlintRounds` rounds.
 */
export async function measureTier(paths: Paths, tier: Tier, plan: TierPlan, log: (line: string) => void): Promise<TierResult> {
  const tools = createTools(paths, plan.warmHome).filter((tool) => !plan.skip.has(tool.id));
  const warmUp = createTools(paths, undefined).find((tool) => tool.id === 'cat')!;
  await runTimed(warmUp.prepare([tier.root]).command);
  const timings = new Map<ToolId, (Timing | undefined)[]>(tools.map((tool) => [tool.id, []]));
  for (let round = 0; round < plan.rounds; round++) {
    for (const tool of tools) {
      if (tool.id === 'secretlint' && round >= plan.secretlintRounds) continue;
      const prepared = tool.prepare([tier.root]);
      try {
        const timing = await runTimed(prepared.command);
        timings.get(tool.id)![round] = timing;
        log(`    ${tier.name} round ${round + 1}: ${tool.label.padEnd(42)} ${timing.wallSeconds.toFixed(2).padStart(7)} s wall ${timing.cpuSeconds.toFixed(2).padStart(7)} s CPU ${(timing.peakRssKiB / 1024).toFixed(0).padStart(6)} MiB`);
      } finally {
        prepared.cleanup?.();
      }
    }
  }
  return {
    tier,
    tools: tools.flatMap((tool) => {
      const byRound = timings.get(tool.id)!;
      const runs = byRound.filter((run): run is Timing => run !== undefined);
      if (runs.length === 0) return [];
      return [{
        id: tool.id,
        label: tool.label,
        rounds: Array.from({ length: plan.rounds }, (_, i) => byRound[i]?.wallSeconds ?? Number.NaN),
        wall: summarize(runs.map((run) => run.wallSeconds)),
        cpu: summarize(runs.map((run) => run.cpuSeconds)),
        peakRssMiB: Math.max(...runs.map((run) => run.peakRssKiB)) / 1024,
      }];
    }),
  };
}
