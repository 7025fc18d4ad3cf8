import type { Corpus } from '../corpus/build-corpus.ts';
import type { HistoryResult } from '../measure/measure-history.ts';
import type { TierResult, ToolResult } from '../measure/measure-tier.ts';
import type { AuditResult } from '../measure/measure-audit.ts';
import type { StagedResult } from '../measure/measure-staged.ts';
import type { DiskResult } from '../measure/measure-disk.ts';
import type { DiskTier } from '../corpus/disk-tier.ts';
import type { Machine } from './machine.ts';
import { pairedRatio, targets, tool } from './targets.ts';

export interface BenchResult {
  machine: Machine;
  corpus: Corpus;
  rounds: number;
  tiers: TierResult[];
  history: HistoryResult | undefined;
  /** The same measurement on a repository of about 200,000 history blobs: memory at scale. */
  historyAtScale?: HistoryResult | undefined;
  /** A real repository with a long history (Rails, pinned), when one was given. */
  historyReal?: HistoryResult | undefined;
  /** Why the real history is missing, when it is. */
  historyRealNote?: string | undefined;
  disk?: DiskResult | undefined;
  diskTier?: DiskTier | undefined;
  /** The command lines run, shortened (report/commands.ts). */
  commands?: string[];
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

/** A repository's history: what it holds, and airlock with and without reading it. */
function historySection(h: HistoryResult, title: string, corpus: Corpus): string[] {
  const historySeconds = h.withHistory.median - h.withoutHistory.median;
  const where = h.repo.startsWith(corpus.dir) ? h.repo.slice(corpus.dir.length + 1) : h.repo;
  return [
    '',
    `## ${title} (\`${where}\`: ${int(h.commits)} commits)`,
    '',
    `The object database holds ${int(h.blobs)} blobs (${fixed(h.blobBytes / MB, 1)} MB); ${int(h.historyBlobs)} of them (${fixed(h.historyBytes / MB, 1)} MB) are not in the checked-out tree, and those are what the history scan reads. History time = wall with history − wall with \`--no-history\` (medians, alternated).`,
    '',
    '| airlock scan | runs | wall s | history s | history blobs/s | history MB/s | peak RSS MiB |',
    '|---|---:|---:|---:|---:|---:|---:|',
    `| with history | ${h.withHistory.runs} | ${fixed(h.withHistory.median)} (${fixed(h.withHistory.min)}–${fixed(h.withHistory.max)}) | ${fixed(historySeconds)} | ${historySeconds > 0 ? int(h.historyBlobs / historySeconds) : '—'} | ${historySeconds > 0 ? fixed(h.historyBytes / MB / historySeconds, 1) : '—'} | ${int(h.peakRssMiB)} |`,
    `| --no-history | ${h.withoutHistory.runs} | ${fixed(h.withoutHistory.median)} (${fixed(h.withoutHistory.min)}–${fixed(h.withoutHistory.max)}) | | | | |`,
    ...(h.warm ? [`| warm rescan (cache of the last cold scan) | ${h.warm.runs} | ${fixed(h.warm.median)} (${fixed(h.warm.min)}–${fixed(h.warm.max)}) | | | | |`] : []),
  ];
}

/** The whole-disk tier: what it is made of, and the scans of it. */
function diskSection(d: DiskResult, tier: DiskTier | undefined): string[] {
  const generated = tier?.parts.filter((p) => /\/project-\d+ /.test(p.name)) ?? [];
  const parts = tier ? [...tier.parts.filter((p) => !generated.includes(p)).map((p) => `${p.name}: ${int(p.files)}`), ...(generated.length > 0 ? [`${generated.length} generated repositories in home/dev/src: ${int(generated.reduce((sum, p) => sum + p.files, 0))}`] : [])] : [];
  const made = tier ? ` Files by part: ${parts.join('; ')} (built in ${tier.buildSeconds} s).` : '';
  const g = d.gaps;
  return [
    '',
    `## Whole disk (\`${d.root}\`: ${int(d.files)} files, ${fixed(d.bytes / 1e9, 1)} GB; cold cache)`,
    '',
    `The machine's own \`/usr\`, a home with two \`node_modules\` and generated repositories, as hard links.${made} \`scan\` runs in a terminal made by \`script -qfec\` so its progress line is drawn; each redraw is timestamped.`,
    '',
    '| airlock scan | runs | wall s | CPU s | files/s | peak RSS MiB | progress redraws | longest gap s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    `| with history, on a terminal | ${d.scan.runs} | ${fixed(d.scan.median, 1)} (${fixed(d.scan.min, 1)}–${fixed(d.scan.max, 1)}) | ${fixed(d.cpu.median, 1)} | ${int(d.files / d.scan.median)} | ${int(d.peakRssMiB)} | ${g ? int(g.updates) : '—'} | ${g ? `${fixed(Math.max(g.first, g.between, g.last), 1)} (first ${fixed(g.first, 1)}, between ${fixed(g.between, 1)}, last ${fixed(g.last, 1)})` : '—'} |`,
    `| --no-history | ${d.noHistory.runs} | ${fixed(d.noHistory.median, 1)} (${fixed(d.noHistory.min, 1)}–${fixed(d.noHistory.max, 1)}) | ${fixed(d.noHistoryCpu.median, 1)} | ${int(d.files / d.noHistory.median)} | ${int(d.noHistoryPeakRssMiB)} | | |`,
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
    out.push(`- **Background load** during the run: 1-min load average ${fixed(m.load.meanLoad, 1)} on average, ${fixed(m.load.maxLoad, 1)} at most, on ${m.cores} cores (at the start, 1/5/15-min: ${m.load.atStart.map((x) => fixed(x, 2)).join(', ')})${pressure}. Other work on the same cores inflates wall times; the ratios pair runs made side by side, and CPU times are less affected.`);
  }
  out.push(`- **Corpus** \`${corpus.dir}\` (${corpus.version}, built ${corpus.builtAt}): a developer's home — dotfiles with planted fake secrets, \`code/app\` with the shared ~800-package \`node_modules\` (${corpus.installedWith}), four generated git repositories standing in for large open-source projects. Tiers below the full tree are hard-linked subsets of it (same bytes, same page cache).`);
  out.push('- **Method**: tools alternated round by round after one untimed read of the tier (warm page cache); wall = median of the rounds (min–max), by `process.hrtime` around the child; CPU = user + system time (median), which other load inflates less than wall; ÷ rg and the other ratios of alternated tools = median of the per-round ratios; peak RSS = the highest of the rounds (GNU time `%M`: the largest single process). Files = regular files in the tier, `.git` internals included; MB = 10⁶ bytes. airlock "cold" runs start with an empty cache folder.');
  out.push('');
  out.push('## Targets (issue 18)', '', '| target | measured | limit | verdict |', '|---|---|---|---|');
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
  if (result.historyReal) out.push(...historySection(result.historyReal, 'A real long history', corpus));
  if (result.disk) out.push(...diskSection(result.disk, result.diskTier));
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
  if (result.commands && result.commands.length > 0) {
    out.push('', '## Command lines', '', "Each run under `/usr/bin/time -f '%M %U %S'`; `$CORPUS` is the corpus folder, paths are from the airlock repository.", '', '```sh', ...result.commands, '```');
  }
  return `${out.join('\n')}\n`;
}
