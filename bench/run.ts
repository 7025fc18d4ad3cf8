// `npm run bench`: builds (or reuses) the corpus, measures airlock against ripgrep, secretlint's
// engine and the read floors, and prints the table (also written to bench/results/latest.md).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultCorpusDir, ensureCorpus, SEED } from './corpus/build-corpus.ts';
import { ensureScaleRepo } from './corpus/scale-repo.ts';
import { measureAudit, type AuditResult } from './measure/measure-audit.ts';
import { measureHistory, type HistoryResult } from './measure/measure-history.ts';
import { measureStaged, type StagedResult } from './measure/measure-staged.ts';
import { measureTier, type TierResult } from './measure/measure-tier.ts';
import { assertTimeAvailable, runTimed } from './measure/run-timed.ts';
import { airlockCommand, createCacheHome, type CacheHome, type ToolId } from './measure/tools.ts';
import { startLoadMonitor } from './report/load-monitor.ts';
import { describeMachine } from './report/machine.ts';
import { renderMarkdown } from './report/render.ts';

const HELP = `Usage: npm run bench -- [options]

  --rebuild                 build the corpus again even if it is complete
  --corpus DIR              where the corpus lives (default: $TMPDIR/airlock-bench-<version>)
  --tiers LIST              tiers to measure, comma-separated: 10k,50k,full (default all)
  --rounds N                rounds of the fast tools per tier (default 5)
  --secretlint-rounds N     rounds that include secretlint's engine (default 1; 0 = skip it)
  --staged-runs N           runs of --staged and of node -e 0 (default 15)
  --no-history-repo         skip the history measurements (throughput, and memory at scale)
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
      rounds: { type: 'string' },
      'secretlint-rounds': { type: 'string' },
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
  const notes = preflight();
  const machine = describeMachine(repo);

  const corpus = await ensureCorpus(resolve(values.corpus ?? defaultCorpusDir()), values.rebuild ?? false, resolve(repo, '..', 'shared', 'bench'));
  const wanted = (values.tiers ?? '10k,50k,full').split(',').map((name) => name.trim());
  const tiers = corpus.tiers.filter((tier, i) => wanted.includes(i === corpus.tiers.length - 1 ? 'full' : tier.name));
  if (tiers.length === 0) throw new Error(`--tiers: none of "${values.tiers}" is a tier (10k, 50k, full)`);

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
  let history: HistoryResult | undefined;
  let historyAtScale: HistoryResult | undefined;
  if (!values['no-history-repo']) {
    log(`History: ${corpus.historyRepo}`);
    history = await measureHistory({ repo }, corpus.historyRepo, rounds, log);
    const scaleRepo = await ensureScaleRepo(corpus.dir, SEED);
    log(`History at scale: ${scaleRepo}`);
    historyAtScale = await measureHistory({ repo }, scaleRepo, Math.min(rounds, 2), log);
  }
  // `airlock audit` of the home-like full tree: catalog, content scan without caches, advice.
  const fullTree = corpus.tiers[corpus.tiers.length - 1]!.root;
  log(`Audit: ${fullTree}`);
  const audit: AuditResult = await measureAudit({ repo }, fullTree, Math.min(rounds, 3), log);
  log(`Staged: ${corpus.stagedRepo}`);
  const staged: StagedResult = await measureStaged({ repo }, corpus.stagedRepo, stagedRuns, log);
  machine.load = monitor.stop();
  if (secretlintRounds === 1) notes.push("secretlint's engine runs once per tier (a minute or more on the full tree); the other tools run every round.");
  notes.push('The tiers share files through hard links; each tier is scanned as one root, like a user would.');

  const markdown = renderMarkdown({ machine, corpus, rounds, tiers: results, history, historyAtScale, staged, audit, warmCacheNote, notes });
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
