// `npm run bench`: builds (or reuses) the corpus, measures airlock against ripgrep, secretlint's
// engine and the read floors, and prints the table (also written to bench/results/latest.md).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultCorpusDir, ensureCorpus, SEED } from './corpus/build-corpus.ts';
import { ensureDiskTier } from './corpus/disk-tier.ts';
import { ensureRealHistoryRepo, findHistorySource, REAL_HISTORY } from './corpus/history-real.ts';
import { ensureScaleRepo } from './corpus/scale-repo.ts';
import { measureDisk, type DiskResult } from './measure/measure-disk.ts';
import { measureAudit, type AuditResult } from './measure/measure-audit.ts';
import { measureHistory, type HistoryResult } from './measure/measure-history.ts';
import { measureStaged, type StagedResult } from './measure/measure-staged.ts';
import { measureTier, type TierResult } from './measure/measure-tier.ts';
import { assertTimeAvailable, runTimed } from './measure/run-timed.ts';
import { airlockCommand, createCacheHome, type CacheHome, type ToolId } from './measure/tools.ts';
import { commandLines } from './report/commands.ts';
import { startLoadMonitor } from './report/load-monitor.ts';
import { describeMachine } from './report/machine.ts';
import { renderMarkdown } from './report/render.ts';

const HELP = `Usage: npm run bench -- [options]

  --rebuild                 build the corpus again even if it is complete
  --corpus DIR              where the corpus lives (default: $TMPDIR/airlock-bench-<version>)
  --tiers LIST              tiers to measure, comma-separated: 10k,50k,full,disk (default all;
                            disk = the whole-disk tier, ~500,000 files, built on first use;
                            "none" for the other measurements only)
  --parts LIST              other measurements, comma-separated: history,history-scale,
                            history-real,audit,staged (default all; "none" for tiers only)
  --rounds N                rounds of the fast tools per tier (default 5)
  --secretlint-rounds N     rounds that include secretlint's engine (default 1; 0 = skip it)
  --disk-rounds N           rounds on the whole disk (each: scan, then scan --no-history; default 1)
  --staged-runs N           runs of --staged and of node -e 0 (default 15)
  --history-repo PATH       a copy (clone or bare mirror) of the Rails repository holding the
                            pinned commit, for the real-history figures (default: $AIRLOCK_BENCH_HISTORY_REPO,
                            else ../.mirror/rails+rails/repo beside the repository; skipped with a note if none)
  --no-history-repo         skip every history measurement (same as leaving history* out of --parts)
  --output FILE             where to write the markdown (default bench/results/latest.md)
  --no-write                print only
`;

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => console.log(line);

function positiveInt(text: string | undefined, fallback: number, flag: string, min = 1): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag} takes a whole number ≥ ${min}, not "${text}"`);
  return n;
}

function preflight(): string[] {
  assertTimeAvailable();
  if (spawnSync('git', ['--version']).status !== 0) throw new Error('git is required (the corpus holds git repositories).');
  if (!existsSync(join(repo, 'dist', 'bin.js'))) throw new Error('dist/bin.js is missing: run `npm run build` (npm run bench does it first).');
  const notes: string[] = [];
  if (spawnSync('rg', ['--version']).status !== 0) notes.push('ripgrep is not installed (`apt-get install ripgrep`): its rows and the ÷ rg ratios are missing.');
  return notes;
}

const TIER_NAMES = ['10k', '50k', 'full', 'disk'];
const PART_NAMES = ['history', 'history-scale', 'history-real', 'audit', 'staged'];

function listOption(text: string | undefined, known: string[], flag: string): Set<string> {
  if (text === undefined) return new Set(known);
  const items = text.split(',').map((name) => name.trim()).filter((name) => name !== '' && name !== 'none');
  const unknown = items.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`${flag}: unknown ${unknown.join(', ')} (known: ${known.join(', ')})`);
  return new Set(items);
}

/** Primes a private cache folder with one untimed full scan; keeps it only if airlock has a scan cache and used it. */
async function primeWarmCache(root: string): Promise<{ home: CacheHome | undefined; note: string | undefined }> {
  const help = spawnSync(process.execPath, [join(repo, 'dist', 'bin.js'), 'scan', '--help'], { encoding: 'utf8' }).stdout;
  if (!/--no-cache/.test(help)) return { home: undefined, note: 'not implemented yet (no scan cache in this airlock build)' };
  const home = createCacheHome();
  log('  priming airlock\'s cache with one untimed scan of the full tree...');
  await runTimed(airlockCommand({ repo }, ['scan', root, '--format', 'json', '--fail-on', 'never'], home.env));
  if (home.isUsed()) return { home, note: undefined };
  home.remove();
  return { home: undefined, note: 'not measured: airlock wrote nothing to its cache folder' };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rebuild: { type: 'boolean' },
      corpus: { type: 'string' },
      tiers: { type: 'string' },
      parts: { type: 'string' },
      rounds: { type: 'string' },
      'secretlint-rounds': { type: 'string' },
      'disk-rounds': { type: 'string' },
      'history-repo': { type: 'string' },
      'staged-runs': { type: 'string' },
      'no-history-repo': { type: 'boolean' },
      output: { type: 'string' },
      'no-write': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void process.stdout.write(HELP);
  const rounds = positiveInt(values.rounds, 5, '--rounds');
  const secretlintRounds = positiveInt(values['secretlint-rounds'], 1, '--secretlint-rounds', 0);
  const stagedRuns = positiveInt(values['staged-runs'], 15, '--staged-runs');
  const diskRounds = positiveInt(values['disk-rounds'], 1, '--disk-rounds');
  const wanted = listOption(values.tiers, TIER_NAMES, '--tiers');
  const parts = listOption(values.parts, PART_NAMES, '--parts');
  if (values['no-history-repo']) for (const part of PART_NAMES) if (part.startsWith('history')) parts.delete(part);
  const notes = preflight();
  const machine = describeMachine(repo);

  const corpus = await ensureCorpus(resolve(values.corpus ?? defaultCorpusDir()), values.rebuild ?? false, resolve(repo, '..', 'shared', 'bench'));
  const tiers = corpus.tiers.filter((tier, i) => wanted.has(i === corpus.tiers.length - 1 ? 'full' : tier.name));

  const monitor = startLoadMonitor();
  const skip = new Set<ToolId>();
  if (secretlintRounds === 0) skip.add('secretlint');
  if (notes.length > 0) skip.add('rg');
  const results: TierResult[] = [];
  let warmCacheNote: string | undefined;
  for (const tier of tiers) {
    log(`Tier ${tier.name}: ${tier.files.toLocaleString('en')} files, ${(tier.bytes / 1e6).toFixed(0)} MB (${tier.root})`);
    const isFull = tier === corpus.tiers[corpus.tiers.length - 1];
    const warm = isFull ? await primeWarmCache(tier.root) : { home: undefined, note: undefined };
    if (isFull) warmCacheNote = warm.note;
    try {
      results.push(await measureTier({ repo }, tier, { rounds, secretlintRounds, warmHome: warm.home, skip }, log));
    } finally {
      warm.home?.remove();
    }
  }
  const fullTree = corpus.tiers[corpus.tiers.length - 1]!.root;
  let disk: DiskResult | undefined;
  let diskTier;
  if (wanted.has('disk')) {
    diskTier = await ensureDiskTier(corpus.dir, fullTree, repo, SEED, log);
    log(`Whole disk: ${diskTier.files.toLocaleString('en')} files, ${(diskTier.bytes / 1e9).toFixed(1)} GB (${diskTier.root})`);
    await runTimed({ command: 'sh', args: ['-c', 'find "$1" -type f -print0 | xargs -0 cat > /dev/null', 'sh', diskTier.root] });
    disk = await measureDisk({ repo }, diskTier, diskRounds, log);
  }
  let history: HistoryResult | undefined;
  let historyAtScale: HistoryResult | undefined;
  let historyReal: HistoryResult | undefined;
  let historyRealNote: string | undefined;
  if (parts.has('history')) {
    log(`History: ${corpus.historyRepo}`);
    history = await measureHistory({ repo }, corpus.historyRepo, rounds, log);
  }
  if (parts.has('history-scale')) {
    const scaleRepo = await ensureScaleRepo(corpus.dir, SEED);
    log(`History at scale: ${scaleRepo}`);
    historyAtScale = await measureHistory({ repo }, scaleRepo, Math.min(rounds, 2), log);
  }
  if (parts.has('history-real')) {
    const source = findHistorySource(values['history-repo'], repo);
    const real = source ? ensureRealHistoryRepo(corpus.dir, source, REAL_HISTORY.commit, log) : 'not measured: no copy of the Rails repository (--history-repo PATH, or AIRLOCK_BENCH_HISTORY_REPO)';
    if (typeof real === 'string') {
      historyRealNote = real;
      notes.push(`Real history: ${real}.`);
    } else {
      log(`Real history: ${real.dir} (${REAL_HISTORY.name} at ${real.commit.slice(0, 12)}, from ${real.source})`);
      historyReal = await measureHistory({ repo }, real.dir, Math.min(rounds, 2), log, Math.min(rounds, 3));
    }
  }
  // `airlock audit` of the home-like full tree: catalog, content scan without caches, advice.
  let audit: AuditResult | undefined;
  if (parts.has('audit')) {
    log(`Audit: ${fullTree}`);
    audit = await measureAudit({ repo }, fullTree, Math.min(rounds, 3), log);
  }
  let staged: StagedResult | undefined;
  if (parts.has('staged')) {
    log(`Staged: ${corpus.stagedRepo}`);
    staged = await measureStaged({ repo }, corpus.stagedRepo, stagedRuns, log);
  }
  machine.load = monitor.stop();
  if (secretlintRounds === 1) notes.push("secretlint's engine runs once per tier (a minute or more on the full tree); the other tools run every round.");
  notes.push('The tiers share files through hard links; each tier is scanned as one root, like a user would.');

  const commands = commandLines({ node: process.execPath, repo, corpus: corpus.dir });
  const markdown = renderMarkdown({ machine, corpus, rounds, tiers: results, history, historyAtScale, historyReal, historyRealNote, disk, diskTier, staged, audit, warmCacheNote, notes, commands });
  console.log(`\n${markdown}`);
  if (!values['no-write']) {
    const output = resolve(values.output ?? join(repo, 'bench', 'results', 'latest.md'));
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, markdown);
    log(`Written to ${output}`);
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
