import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importCommits, type Commit } from './fast-import.ts';
import { createRandom, HEX, type Random } from './random.ts';

/**
 * A repository with a long history, for the memory of a history scan at scale: 20,000 commits
 * of 10 changed files each over 5,000 paths, so about 200,000 blobs, nearly all of them only
 * in the history (a checkout holds 5,000). Small files, so that memory per blob, not bytes,
 * is what it measures. No secrets.
 */
export const SCALE_SPEC = { commits: 20_000, changesPerCommit: 10, paths: 5_000 } as const;

const pathOf = (n: number) => `src/module${n % 50}/file${n}.py`;

function fileText(r: Random, path: string, version: number): string {
  const lines = [`# ${path}, version ${version}`];
  for (let i = 0; i < 8; i++) lines.push(`value_${i} = 0x${r.chars(HEX, 12)}`);
  return `${lines.join('\n')}\n`;
}

function* history(seed: string): Generator<Commit> {
  const r = createRandom(seed);
  const start = Date.UTC(2019, 0, 1) / 1000;
  for (let index = 0; index < SCALE_SPEC.commits; index++) {
    const changes = [];
    const picked = new Set<number>();
    // The first commits add every path; later ones change random paths.
    for (let c = 0; c < SCALE_SPEC.changesPerCommit; c++) {
      const n = index * SCALE_SPEC.changesPerCommit + c < SCALE_SPEC.paths ? index * SCALE_SPEC.changesPerCommit + c : r.int(0, SCALE_SPEC.paths - 1);
      if (picked.has(n)) continue;
      picked.add(n);
      changes.push({ path: pathOf(n), content: fileText(r, pathOf(n), index) });
    }
    yield { message: `Change ${index + 1}\n`, time: start + index * 600, changes };
  }
}

/**
 * The repository at `<corpusDir>/history-scale`, built the first time it is asked for (about
 * half a minute); a marker beside it says it is complete.
 */
export async function ensureScaleRepo(corpusDir: string, seed: string): Promise<string> {
  const dir = join(corpusDir, 'history-scale');
  const marker = join(corpusDir, 'history-scale.json');
  if (existsSync(marker)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  git('init', '-q', '-b', 'main');
  await importCommits(dir, history(`${seed}/history-scale`));
  git('-c', 'core.autocrlf=false', 'reset', '--hard', '-q');
  writeFileSync(marker, `${JSON.stringify({ ...SCALE_SPEC, builtAt: new Date().toISOString() })}\n`);
  return dir;
}
