import type { Corpus } from '../corpus/build-corpus.ts';
import type { HistoryResult } from '../measure/measure-history.ts';
import type { TierResult, ToolResult } from '../measure/measure-tier.ts';
import type { AuditResult } from '../measure/measure-audit.ts';
import type { StagedResult } from '../measure/measure-staged.ts';
import type { ToolId } from '../measure/tools.ts';
import { summarize } from '../lib/stats.ts';
import type { Machine } from './machine.ts';

export interface BenchResult {
  machine: Machine;
  corpus: Corpus;
  rounds: number;
  tiers: TierResult[];
  history: HistoryResult | undefined;
  /** The same measurement on a repository of about 200,000 history blobs: memory at scale. */
  historyAtScale?: HistoryResult | undefined;
  staged: StagedResult | undefined;
  audit?: AuditResult;
  /** Why the warm-cache figure is missing, when it is. */
  warmCacheNote: string | undefined;
  notes: string[];
}

const MB = 1e6;
const int = (n: number) => Math.round(n).toLocaleString('en');
const fixed = (n: number, digits = 2) => n.toFixed(digits);
const ratio = (n: number) => `${n.toFixed(2)}×`;
const tool = (tier: TierResult, id: ToolId) => tier.tools.find((t) => t.id === id);

/** A repository's history: what it holds, and airlock with and without reading it. */
function historySection(h: HistoryResult, title: string, corpus: Corpus): string[] {
  const historySeconds = h.withHistory.median - h.withoutHistory.median;
  return [
    '',
    `## ${title} (\`${h.repo.slice(corpus.dir.length + 1)}\`: ${int(h.commits)} commits)`,
    '',
    `The object database holds ${int(h.blobs)} blobs (${fixed(h.blobBytes / MB, 1)} MB); ${int(h.historyBlobs)} of them (${fixed(h.historyBytes / MB, 1)} MB) are not in the checked-out tree, and those are what the history scan reads. History time = wall with history − wall with \`--no-history\` (medians, alternated).`,
    '',
    '| airlock scan | runs | wall s | history s | history blobs/s | history MB/s | peak RSS MiB |',
    '|---|---:|---:|---:|---:|---:|---:|',
    `| with history | ${h.withHistory.runs} | ${fixed(h.withHistory.median)} (${fixed(h.withHistory.min)}–${fixed(h.withHistory.max)}) | ${fixed(historySeconds)} | ${historySeconds > 0 ? int(h.historyBlobs / historySeconds) : '—'} | ${historySeconds > 0 ? fixed(h.historyBytes / MB / historySeconds, 1) : '—'} | ${int(h.peakRssMiB)} |`,
    `| --no-history | ${h.withoutHistory.runs} | ${fixed(h.withoutHistory.median)} (${fixed(h.withoutHistory.min)}–${fixed(h.withoutHistory.max)}) | | | | |`,
  ];
}

interface Target {
  name: string;
  measured: string;
  limit: string;
  verdict: 'met' | 'NOT met' | 'not measured' | 'info';
}

function judge(value: number | undefined, isMet: (v: number) => boolean): Target['verdict'] {
  if (value === undefined || Number.isNaN(value)) return 'not measured';
  return isMet(value) ? 'met' : 'NOT met';
}

/** Median over rounds of a's wall ÷ b's wall in the same round: adjacent runs share the same background load. */
function pairedRatio(a: ToolResult | undefined, b: ToolResult | undefined): { median: number; min: number; max: number } | undefined {
  if (!a || !b) return undefined;
  const ratios = a.rounds.map((wall, i) => wall / b.rounds[i]!).filter(Number.isFinite);
  return ratios.length > 0 ? summarize(ratios) : undefined;
}

const withSpread = (r: { median: number; min: number; max: number }) =>
  r.min === r.max ? ratio(r.median) : `${ratio(r.median)} (rounds ${r.min.toFixed(2)}–${r.max.toFixed(2)})`;

function targets(result: BenchResult): Target[] {
  const full = result.tiers[result.tiers.length - 1];
  const small = result.tiers[0];
  const airlock = full && tool(full, 'airlock');
  const rg = full && tool(full, 'rg');
  const secretlint = full && tool(full, 'secretlint');
  const vsRg = pairedRatio(airlock, rg);
  const noHistoryVsRg = pairedRatio(full && tool(full, 'airlock-no-history'), rg);
  const cpuVsRg = airlock && rg ? airlock.cpu.median / rg.cpu.median : undefined;
  const vsSecretlint = airlock && secretlint ? secretlint.wall.median / airlock.wall.median : undefined;
  const airlockRuns = result.tiers.flatMap((t) => t.tools.filter((x) => x.id.startsWith('airlock')));
  const scale = result.historyAtScale;
  const rss = Math.max(...airlockRuns.map((x) => x.peakRssMiB), result.history?.peakRssMiB ?? 0, scale?.peakRssMiB ?? 0, result.staged?.peakRssMiB ?? 0, result.audit?.peakRssMiB ?? 0);
  const rssByTier = [
    ...result.tiers.map((t) => `${t.tier.name}: ${int(Math.max(0, ...t.tools.filter((x) => x.id.startsWith('airlock')).map((x) => x.peakRssMiB)))}`),
    ...(scale ? [`a history of ${int(scale.historyBlobs)} blobs: ${int(scale.peakRssMiB)}`] : []),
  ].join(', ');
  const warm = pairedRatio(full && tool(full, 'airlock-warm'), airlock);
  const stagedRatio = result.staged ? result.staged.staged.median / result.staged.floor.median : undefined;
  const smallAirlock = small && tool(small, 'airlock');
  const flat = small && full && smallAirlock && airlock && small !== full
    ? {
        files: (full.tier.files / airlock.wall.median) / (small.tier.files / smallAirlock.wall.median),
        bytes: (full.tier.bytes / airlock.wall.median) / (small.tier.bytes / smallAirlock.wall.median),
      }
    : undefined;
  const on = full ? ` (${full.tier.name})` : '';
  return [
    { name: `airlock ÷ ripgrep, wall${on}`, measured: vsRg ? withSpread(vsRg) : 'ripgrep not run', limit: '≤ 2×', verdict: judge(vsRg?.median, (v) => v <= 2) },
    { name: '… with `--no-history`', measured: noHistoryVsRg ? withSpread(noHistoryVsRg) : '—', limit: '(≤ 2×)', verdict: noHistoryVsRg ? 'info' : 'not measured' },
    { name: '… CPU time instead of wall (medians)', measured: cpuVsRg === undefined ? '—' : ratio(cpuVsRg), limit: '', verdict: cpuVsRg === undefined ? 'not measured' : 'info' },
    { name: `secretlint's engine ÷ airlock, wall${on}`, measured: vsSecretlint === undefined ? 'secretlint not run' : ratio(vsSecretlint), limit: '≥ 15×', verdict: judge(vsSecretlint, (v) => v >= 15) },
    { name: 'airlock peak RSS, any run', measured: airlockRuns.length ? `${int(rss)} MiB (${rssByTier})` : '—', limit: '< 300 MiB', verdict: airlockRuns.length ? judge(rss, (v) => v < 300) : 'not measured' },
    { name: `warm-cache rescan ÷ cold scan${on}`, measured: warm ? withSpread(warm) : (result.warmCacheNote ?? 'not measured'), limit: '≤ 0.25×', verdict: judge(warm?.median, (v) => v <= 0.25) },
    { name: '`scan --staged` (5 files) ÷ `node -e 0`, medians', measured: stagedRatio === undefined ? '—' : ratio(stagedRatio), limit: '≤ 6×', verdict: judge(stagedRatio, (v) => v <= 6) },
    {
      name: `airlock throughput, ${full?.tier.name ?? 'full'} ÷ ${small?.tier.name ?? '10k'}`,
      measured: flat ? `files/s ${ratio(flat.files)}, MB/s ${ratio(flat.bytes)}` : '—',
      limit: 'flat (≈ 1×)',
      verdict: flat ? 'info' : 'not measured',
    },
  ];
}

function tierRows(tier: TierResult): string[] {
  const rg = tool(tier, 'rg');
  return tier.tools.map((t: ToolResult) => {
    const { median, min, max, runs } = t.wall;
    const spread = runs > 1 ? ` (${fixed(min)}–${fixed(max)})` : '';
    const vsRg = pairedRatio(t, rg);
    return `| ${tier.tier.name} | ${t.label} | ${runs} | ${fixed(median)}${spread} | ${fixed(t.cpu.median)} | ${int(tier.tier.files / median)} | ${fixed(tier.tier.bytes / MB / median, 1)} | ${int(t.peakRssMiB)} | ${vsRg ? ratio(vsRg.median) : '—'} |`;
  });
}

export function renderMarkdown(result: BenchResult): string {
  const { machine: m, corpus } = result;
  const out: string[] = [];
  out.push('# airlock speed benchmark', '');
  out.push(`- **Run**: ${m.date}, airlock ${m.airlockCommit}, \`npm run bench\` (${result.rounds} round${result.rounds === 1 ? '' : 's'}).`);
  out.push(`- **Machine**: ${m.cores} cores (${m.cpu}), ${fixed(m.memoryGiB, 1)} GiB RAM, ${m.os}; Node ${m.node}; ${m.ripgrep ?? 'ripgrep not installed'}; ${m.git}.`);
  if (m.load) {
    const pressure = m.load.cpuPressure === undefined ? '' : `; some task was waiting for a CPU ${Math.round(m.load.cpuPressure * 100)}% of the time (Linux PSI)`;
    out.push(`- **Background load** during the run: 1-min load average ${fixed(m.load.meanLoad, 1)} on average, ${fixed(m.load.maxLoad, 1)} at most, on ${m.cores} cores${pressure}. Other work on the same cores inflates wall times; the ratios pair runs made side by side, and CPU times are less affected.`);
  }
  out.push(`- **Corpus** \`${corpus.dir}\` (${corpus.version}, built ${corpus.builtAt}): a developer's home — dotfiles with planted fake secrets, \`code/app\` with the shared ~800-package \`node_modules\` (${corpus.installedWith}), four generated git repositories standing in for large open-source projects. Tiers below the full tree are hard-linked subsets of it (same bytes, same page cache).`);
  out.push('- **Method**: tools alternated round by round after one untimed read of the tier (warm page cache); wall = median of the rounds (min–max), by `process.hrtime` around the child; CPU = user + system time (median), which other load inflates less than wall; ÷ rg and the other ratios of alternated tools = median of the per-round ratios; peak RSS = the highest of the rounds (GNU time `%M`: the largest single process). Files = regular files in the tier, `.git` internals included; MB = 10⁶ bytes. airlock "cold" runs start with an empty cache folder.');
  out.push('');
  out.push('## Targets (issue 6)', '', '| target | measured | limit | verdict |', '|---|---|---|---|');
  for (const t of targets(result)) out.push(`| ${t.name} | ${t.measured} | ${t.limit} | ${t.verdict === 'NOT met' ? '**NOT met**' : t.verdict} |`);
  out.push('');
  out.push('## Scan throughput by tier', '');
  out.push('| tier | tool | runs | wall s | CPU s | files/s | MB/s | peak RSS MiB | ÷ rg |', '|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const tier of result.tiers) out.push(...tierRows(tier));
  out.push('');
  out.push('| tier | files | MB |', '|---|---:|---:|');
  for (const tier of result.tiers) out.push(`| ${tier.tier.name} | ${int(tier.tier.files)} | ${fixed(tier.tier.bytes / MB, 0)} |`);
  if (result.history) out.push(...historySection(result.history, 'Git history', corpus));
  if (result.historyAtScale) out.push(...historySection(result.historyAtScale, 'Git history at scale (memory)', corpus));
  if (result.staged) {
    const s = result.staged;
    out.push('', '## `scan --staged` latency (5 staged files; medians, alternated)', '');
    out.push('| command | runs | median ms | min–max ms |', '|---|---:|---:|---:|');
    out.push(`| \`node -e 0\` (floor) | ${s.floor.runs} | ${int(s.floor.median * 1000)} | ${int(s.floor.min * 1000)}–${int(s.floor.max * 1000)} |`);
    out.push(`| \`airlock scan --staged\` | ${s.staged.runs} | ${int(s.staged.median * 1000)} | ${int(s.staged.min * 1000)}–${int(s.staged.max * 1000)} |`);
  }
  if (result.audit) {
    const a = result.audit;
    out.push('', '## `airlock audit` of the full tree (home-like; cold cache; caches and node_modules not read)', '');
    out.push('| runs | median s | min–max s | peak RSS MiB |', '|---:|---:|---:|---:|');
    out.push(`| ${a.audit.runs} | ${fixed(a.audit.median, 2)} | ${fixed(a.audit.min, 2)}–${fixed(a.audit.max, 2)} | ${int(a.peakRssMiB)} |`);
  }
  if (result.notes.length > 0) out.push('', '## Notes', '', ...result.notes.map((note) => `- ${note}`));
  return `${out.join('\n')}\n`;
}
