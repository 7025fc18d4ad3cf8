import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureTree, type TreeSize } from '../lib/list-files.ts';
import { writeDotfiles } from './dotfiles.ts';
import { fakeSecrets } from './fake-secrets.ts';
import { installNodeModules, type InstallMethod } from './node-modules.ts';
import { createRandom } from './random.ts';
import { HISTORY_REPO, REPO_SPECS } from './repo-specs.ts';
import { buildSourceRepo } from './source-repo.ts';
import { buildStagedRepo } from './staged-repo.ts';
import { buildTier, TIER_SPECS } from './tiers.ts';

/** Bump when the generator changes: a new version builds a new corpus folder. */
export const CORPUS_VERSION = 'v2';
/** What every generated part of the corpus is derived from. */
export const SEED = `airlock-bench-${CORPUS_VERSION}`;

export interface Tier extends TreeSize {
  name: string;
  root: string;
}

/** What the benchmark runs on; written last, as `corpus.json`, so its presence marks a complete corpus. */
export interface Corpus {
  version: string;
  dir: string;
  builtAt: string;
  installedWith: InstallMethod;
  /** Smallest first; the last is the full tree. */
  tiers: Tier[];
  historyRepo: string;
  stagedRepo: string;
}

export const defaultCorpusDir = () => join(tmpdir(), `airlock-bench-${CORPUS_VERSION}`);

const elapsed = (started: number) => `${((performance.now() - started) / 1000).toFixed(0)} s`;

/**
 * Returns the corpus at `dir`, building it first when it is missing, incomplete or `rebuild`
 * is set. Layout: `tree/` is a developer's home (dotfiles, `code/app` with the shared
 * node_modules, four generated git repositories in `code/`); `tiers/<n>` are hard-linked
 * subsets of it; `staged-repo/` is the pre-commit case.
 */
export async function ensureCorpus(dir: string, rebuild: boolean, sharedBench: string): Promise<Corpus> {
  const manifest = join(dir, 'corpus.json');
  if (!rebuild && existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')) as Corpus;

  console.log(`Building the corpus in ${dir} (once; reused by later runs, --rebuild to force)`);
  rmSync(dir, { recursive: true, force: true });
  const tree = join(dir, 'tree');
  const code = join(tree, 'code');
  mkdirSync(code, { recursive: true });
  const r = createRandom(SEED);

  let started = performance.now();
  console.log('  installing the shared dependency tree (~800 packages)...');
  const installedWith = installNodeModules(join(code, 'app'), sharedBench);
  writeFileSync(join(code, 'app', '.env'), `PORT=3000\nOPENAI_PROJECT=demo\nHUGGINGFACE_TOKEN=${fakeSecrets.huggingFace(r.fork('app-env'))}\n`);
  console.log(`  ...${installedWith}, ${elapsed(started)}`);

  for (const spec of REPO_SPECS) {
    started = performance.now();
    await buildSourceRepo(join(code, spec.name), spec, SEED);
    console.log(`  generated code/${spec.name}: ${spec.files.toLocaleString('en')} files, ${spec.commits.toLocaleString('en')} commits, ${elapsed(started)}`);
  }
  writeDotfiles(tree, r.fork('dotfiles'));
  await buildStagedRepo(join(dir, 'staged-repo'), SEED);

  started = performance.now();
  for (const spec of TIER_SPECS) buildTier(tree, join(dir, 'tiers'), spec, SEED);
  const roots = [...TIER_SPECS.map((spec) => ({ name: spec.name, root: join(dir, 'tiers', spec.name) })), { name: 'full', root: tree }];
  // Hard-linking changed the files' ctime: refresh each index so git sees the work trees as clean.
  for (const { root } of roots) {
    for (const spec of REPO_SPECS) {
      const repo = join(root, 'code', spec.name);
      if (existsSync(join(repo, '.git'))) spawnSync('git', ['update-index', '-q', '--refresh'], { cwd: repo, stdio: 'ignore' });
    }
  }
  const tiers: Tier[] = roots.map(({ name, root }) => {
    const size = measureTree(root);
    return { name: name === 'full' ? `${Math.floor(size.files / 1000)}k (full)` : name, root, ...size };
  });
  console.log(`  tiers: ${tiers.map((t) => `${t.name} = ${t.files.toLocaleString('en')} files`).join(', ')}, ${elapsed(started)}`);

  const corpus: Corpus = {
    version: CORPUS_VERSION,
    dir,
    builtAt: new Date().toISOString(),
    installedWith,
    tiers,
    historyRepo: join(code, HISTORY_REPO),
    stagedRepo: join(dir, 'staged-repo'),
  };
  writeFileSync(manifest, `${JSON.stringify(corpus, null, 2)}\n`);
  return corpus;
}
