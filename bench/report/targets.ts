import type { TierResult, ToolResult } from '../measure/measure-tier.ts';
import type { ToolId } from '../measure/tools.ts';
import { summarize } from '../lib/stats.ts';
import type { BenchResult } from './render.ts';

/** One line of the targets table. */
export interface Target {
  name: string;
  measured: string;
  limit: string;
  verdict: 'met' | 'NOT met' | 'not measured' | 'info';
}

/** The targets of issue 18 (benchmark, not timed tests; 2 cores, paired runs). */
export const LIMITS = {
  peakRssMiB: 400,
  vsRipgrep: 4,
  mbPerCpuSecond: 100,
  warmVsCold: 0.15,
  stagedVsNode: 5,
  diskSeconds: 180,
  /** The longest the progress line may go without a redraw before it looks stalled. */
  progressGapSeconds: 2,
  historyColdSeconds: 60,
  historyWarmSeconds: 5,
} as const;

const int = (n: number) => Math.round(n).toLocaleString('en');
const ratio = (n: number) => `${n.toFixed(2)}×`;
export const tool = (tier: TierResult, id: ToolId) => tier.tools.find((t) => t.id === id);

function judge(value: number | undefined, isMet: (v: number) => boolean): Target['verdict'] {
  if (value === undefined || Number.isNaN(value)) return 'not measured';
  return isMet(value) ? 'met' : 'NOT met';
}

/** Median over rounds of a's wall ÷ b's wall in the same round: adjacent runs share the same background load. */
export function pairedRatio(a: ToolResult | undefined, b: ToolResult | undefined): { median: number; min: number; max: number } | undefined {
  if (!a || !b) return undefined;
  const ratios = a.rounds.map((wall, i) => wall / b.rounds[i]!).filter(Number.isFinite);
  return ratios.length > 0 ? summarize(ratios) : undefined;
}

const withSpread = (r: { median: number; min: number; max: number }) =>
  r.min === r.max ? ratio(r.median) : `${ratio(r.median)} (rounds ${r.min.toFixed(2)}–${r.max.toFixed(2)})`;

/** A peak-memory row: one per tier and per large repository, so a miss says where. */
function memoryRow(where: string, mib: number | undefined): Target {
  return { name: `peak RSS, ${where}`, measured: mib === undefined ? 'not run' : `${int(mib)} MiB`, limit: `≤ ${LIMITS.peakRssMiB} MiB`, verdict: judge(mib, (v) => v <= LIMITS.peakRssMiB) };
}

function memoryRows(result: BenchResult): Target[] {
  const airlockPeak = (tier: TierResult) => Math.max(0, ...tier.tools.filter((x) => x.id.startsWith('airlock')).map((x) => x.peakRssMiB));
  const rows = result.tiers.map((tier) => memoryRow(`tier ${tier.tier.name}`, airlockPeak(tier)));
  const d = result.disk;
  rows.push(memoryRow(`whole disk${d ? ` (${int(d.files)} files)` : ''}`, d ? Math.max(d.peakRssMiB, d.noHistoryPeakRssMiB) : undefined));
  const scale = result.historyAtScale;
  rows.push(memoryRow(`generated history${scale ? ` (${int(scale.historyBlobs)} history blobs)` : ''}`, scale?.peakRssMiB));
  const real = result.historyReal;
  rows.push(memoryRow(`real history${real ? ` (${int(real.blobs)} blobs, ${int(real.commits)} commits)` : ''}`, real?.peakRssMiB));
  const others = [result.history?.peakRssMiB, result.staged?.peakRssMiB, result.audit?.peakRssMiB].filter((x): x is number => x !== undefined);
  if (others.length > 0) rows.push(memoryRow('history of py-service, `--staged`, `audit`', Math.max(...others)));
  return rows;
}

export function targets(result: BenchResult): Target[] {
  const full = result.tiers.find((t) => t.tier.name.includes('full'));
  const small = result.tiers[0];
  const airlock = full && tool(full, 'airlock');
  const rg = full && tool(full, 'rg');
  const secretlint = full && tool(full, 'secretlint');
  const vsRg = pairedRatio(airlock, rg);
  const noHistoryVsRg = pairedRatio(full && tool(full, 'airlock-no-history'), rg);
  const cpuVsRg = airlock && rg ? airlock.cpu.median / rg.cpu.median : undefined;
  const mbPerCpu = full && airlock ? full.tier.bytes / 1e6 / airlock.cpu.median : undefined;
  const vsSecretlint = airlock && secretlint ? secretlint.wall.median / airlock.wall.median : undefined;
  const warm = pairedRatio(full && tool(full, 'airlock-warm'), airlock);
  const stagedRatio = result.staged ? result.staged.staged.median / result.staged.floor.median : undefined;
  const smallAirlock = small && tool(small, 'airlock');
  const flat = small && full && smallAirlock && airlock && small !== full ? (full.tier.bytes / airlock.wall.median) / (small.tier.bytes / smallAirlock.wall.median) : undefined;
  const on = full ? ` (${full.tier.name})` : '';
  const disk = result.disk;
  const gaps = disk?.gaps;
  const longestGap = gaps ? Math.max(gaps.first, gaps.between, gaps.last) : undefined;
  const real = result.historyReal;
  const realNote = result.historyRealNote ?? 'not run';
  return [
    ...memoryRows(result),
    { name: `cold scan ÷ ripgrep-32, wall, paired${on}`, measured: vsRg ? withSpread(vsRg) : full ? 'ripgrep not run' : 'full tier not run', limit: `≤ ${LIMITS.vsRipgrep}×`, verdict: judge(vsRg?.median, (v) => v <= LIMITS.vsRipgrep) },
    { name: `cold scan, MB read per CPU-second${on}`, measured: mbPerCpu === undefined ? 'full tier not run' : `${mbPerCpu.toFixed(0)} MB/CPU-s (${int(full!.tier.bytes / 1e6)} MB, ${airlock!.cpu.median.toFixed(1)} CPU-s)`, limit: `≥ ${LIMITS.mbPerCpuSecond}`, verdict: judge(mbPerCpu, (v) => v >= LIMITS.mbPerCpuSecond) },
    { name: `warm rescan ÷ cold scan, paired${on}`, measured: warm ? withSpread(warm) : full ? (result.warmCacheNote ?? 'not measured') : 'full tier not run', limit: `≤ ${LIMITS.warmVsCold}×`, verdict: judge(warm?.median, (v) => v <= LIMITS.warmVsCold) },
    { name: '`scan --staged` (5 files) ÷ `node -e 0`, medians', measured: stagedRatio === undefined ? 'not run' : ratio(stagedRatio), limit: `≤ ${LIMITS.stagedVsNode}×`, verdict: judge(stagedRatio, (v) => v <= LIMITS.stagedVsNode) },
    { name: `whole disk${disk ? ` (${int(disk.files)} files, ${(disk.bytes / 1e9).toFixed(1)} GB)` : ''}, \`scan\` wall`, measured: disk ? `${disk.scan.median.toFixed(0)} s (${disk.cpu.median.toFixed(0)} CPU-s; \`--no-history\` ${disk.noHistory.median.toFixed(0)} s)` : 'not run', limit: `≤ ${LIMITS.diskSeconds} s`, verdict: judge(disk?.scan.median, (v) => v <= LIMITS.diskSeconds) },
    {
      name: 'whole disk, longest wait for a progress redraw (on a terminal)',
      measured: gaps ? `${longestGap!.toFixed(1)} s (start → first ${gaps.first.toFixed(1)} s, between ${gaps.between.toFixed(1)} s, last → report ${gaps.last.toFixed(1)} s; ${int(gaps.updates)} redraws)` : disk ? 'no progress seen (no `script` to make a terminal?)' : 'not run',
      limit: `≤ ${LIMITS.progressGapSeconds} s`,
      verdict: judge(longestGap, (v) => v <= LIMITS.progressGapSeconds),
    },
    { name: `real history${real ? ` (${real.repo.split('/').pop()})` : ''}, cold scan`, measured: real ? `${real.withHistory.median.toFixed(1)} s (\`--no-history\` ${real.withoutHistory.median.toFixed(1)} s)` : realNote, limit: `≤ ${LIMITS.historyColdSeconds} s`, verdict: judge(real?.withHistory.median, (v) => v <= LIMITS.historyColdSeconds) },
    { name: 'real history, warm rescan', measured: real?.warm ? `${real.warm.median.toFixed(1)} s` : real ? 'not measured' : realNote, limit: `≤ ${LIMITS.historyWarmSeconds} s`, verdict: judge(real?.warm?.median, (v) => v <= LIMITS.historyWarmSeconds) },
    { name: '… cold scan `--no-history` ÷ ripgrep-32', measured: noHistoryVsRg ? withSpread(noHistoryVsRg) : '—', limit: '', verdict: noHistoryVsRg ? 'info' : 'not measured' },
    { name: '… cold scan CPU ÷ ripgrep CPU (medians)', measured: cpuVsRg === undefined ? '—' : ratio(cpuVsRg), limit: '', verdict: cpuVsRg === undefined ? 'not measured' : 'info' },
    { name: `… secretlint's engine ÷ airlock, wall${on}`, measured: vsSecretlint === undefined ? 'secretlint not run' : ratio(vsSecretlint), limit: '', verdict: vsSecretlint === undefined ? 'not measured' : 'info' },
    { name: `… MB/s, ${full?.tier.name ?? 'full'} ÷ ${small?.tier.name ?? '10k'} (flat ≈ 1×)`, measured: flat ? ratio(flat) : '—', limit: '', verdict: flat ? 'info' : 'not measured' },
  ];
}
