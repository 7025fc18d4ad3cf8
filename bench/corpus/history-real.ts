import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The real repository with a long history: Rails, pinned (its main branch on 2026-12-06). */
export const REAL_HISTORY = { name: 'rails', commit: '2a2db1e8d6d104ee0611efcae7eb023af65cff34' } as const;

/** Where the bench looks for a copy of the repository when `--history-repo` is not given. */
export const HISTORY_REPO_ENV = 'AIRLOCK_BENCH_HISTORY_REPO';

export interface RealHistoryRepo {
  /** The clone the bench scans. */
  dir: string;
  source: string;
  commit: string;
  buildSeconds: number;
}

/** The repository to fetch from: `--history-repo`, else the environment variable, else a mirror beside the repository. */
export function findHistorySource(option: string | undefined, repo: string): string | undefined {
  const given = option ?? process.env[HISTORY_REPO_ENV];
  if (given) return resolve(given);
  const beside = resolve(repo, '..', '.mirror', 'rails+rails', 'repo');
  return existsSync(beside) ? beside : undefined;
}

const hasCommit = (source: string, commit: string) =>
  spawnSync('git', ['cat-file', '-e', `${commit}^{commit}`], { cwd: source, stdio: 'ignore' }).status === 0;

/**
 * A clone of `source` checked out at `commit` in `<corpusDir>/history-real/` (outside the
 * repository, never committed), made once. A local clone: git hard-links the object files, so
 * it is quick and the object database is the source's, every object of it (Rails' mirror here:
 * about 290,000 blobs, 790,000 trees, 160,000 commits, the history of every branch and pull
 * request it keeps). Returns a note instead when the source is missing or lacks the commit.
 */
export function ensureRealHistoryRepo(corpusDir: string, source: string, commit: string, log: (line: string) => void): RealHistoryRepo | string {
  if (!existsSync(source)) return `not measured: ${source} does not exist (give a copy of the Rails repository with --history-repo PATH or ${HISTORY_REPO_ENV})`;
  if (!hasCommit(source, commit)) return `not measured: ${source} does not hold commit ${commit} (the pinned Rails commit)`;
  const name = /^(repo|\.git)$/.test(basename(source)) ? basename(dirname(source)).replace(/^.*\+/, '') : basename(source).replace(/\.git$/, '');
  const dir = join(corpusDir, 'history-real', `${name}-${commit.slice(0, 12)}`);
  const marker = `${dir}.json`;
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8')) as RealHistoryRepo;
  log(`  cloning ${source} at ${commit.slice(0, 12)} into ${dir} (once)...`);
  const started = performance.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('git', ['clone', '-q', '--no-checkout', source, dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  git('-c', 'core.autocrlf=false', 'checkout', '-q', '-B', 'main', commit);
  const result: RealHistoryRepo = { dir, source, commit, buildSeconds: Math.round((performance.now() - started) / 1000) };
  writeFileSync(marker, `${JSON.stringify(result, null, 2)}\n`);
  log(`  ...${result.buildSeconds} s`);
  return result;
}
