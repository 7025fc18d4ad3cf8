// Materialises each repository of repos.json at its pinned commit into bench/precision/repos/
// (git-ignored): from a local bare mirror (/work/.mirror/<owner>+<name>/repo) when there is one,
// else a shallow fetch of that commit from GitHub. The copies are plain folders, no .git.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PrecisionRepo {
  repo: string;
  commit: string;
  /** Never tuned on: kept for the final new-user check. */
  heldOut?: boolean;
}

export const here = dirname(fileURLToPath(import.meta.url));
export const reposDir = join(here, 'repos');
export const mirrorRoot = process.env.AIRLOCK_MIRROR_ROOT ?? '/work/.mirror';

export function loadRepos(): PrecisionRepo[] {
  return JSON.parse(readFileSync(join(here, 'repos.json'), 'utf8')) as PrecisionRepo[];
}

/** The folder a repository is materialised in: owner+name, as the mirrors are named. */
export const folderOf = (entry: PrecisionRepo) => join(reposDir, entry.repo.replace('/', '+'));

function run(command: string, args: string[], cwd?: string): void {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
}

/**
 * Writes the regular files of a commit's tree into target. Not `git archive`: the mirrors leave
 * out their largest blobs (images mostly), and a missing blob is skipped, not fatal. Symbolic
 * links and submodules are left out. Returns how many blobs were missing.
 */
function extract(gitDir: string, commit: string, target: string): number {
  const git = (args: string[], input?: string) => {
    const result = spawnSync('git', ['--git-dir', gitDir, ...args], { input, maxBuffer: 2 ** 31 });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} in ${gitDir}: ${result.stderr.toString()}`);
    return result.stdout;
  };
  const entries = git(['ls-tree', '-r', '-z', commit])
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = line.split('\t') as [string, string];
      const [mode, type, id] = meta.split(' ') as [string, string, string];
      return { mode, type, id, path };
    })
    .filter((e) => e.type === 'blob' && (e.mode === '100644' || e.mode === '100755'));
  const out = git(['cat-file', '--batch'], entries.map((e) => e.id).join('\n') + '\n');
  let at = 0;
  let missing = 0;
  for (const entry of entries) {
    const headerEnd = out.indexOf(10, at);
    const header = out.subarray(at, headerEnd).toString('latin1');
    at = headerEnd + 1;
    if (header.endsWith(' missing')) {
      missing++;
      continue;
    }
    const size = Number(header.split(' ')[2]);
    const file = join(target, entry.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, out.subarray(at, at + size), { mode: entry.mode === '100755' ? 0o755 : 0o644 });
    at += size + 1;
  }
  return missing;
}

/** Brings one repository to disk at its commit, unless it is already there. */
export function materialise(entry: PrecisionRepo): string {
  const folder = folderOf(entry);
  const stamp = `${folder}.commit`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === entry.commit) return folder;
  const partial = `${folder}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const mirror = join(mirrorRoot, entry.repo.replace('/', '+'), 'repo');
  if (existsSync(mirror)) {
    const missing = extract(mirror, entry.commit, partial);
    if (missing > 0) process.stdout.write(`(${missing} large blobs absent from the mirror) `);
  } else {
    const clone = `${folder}.git`;
    rmSync(clone, { recursive: true, force: true });
    run('git', ['init', '--bare', '--quiet', clone]);
    run('git', ['--git-dir', clone, 'fetch', '--quiet', '--depth=1', `https://github.com/${entry.repo}.git`, entry.commit]);
    extract(clone, entry.commit, partial);
    rmSync(clone, { recursive: true, force: true });
  }
  rmSync(folder, { recursive: true, force: true });
  renameSync(partial, folder);
  // Beside the copy, not in it: the scan sees the repository's own files only.
  writeFileSync(stamp, `${entry.commit}\n`);
  return folder;
}

if (import.meta.url === `file://${resolve(process.argv[1] ?? '')}`) {
  for (const entry of loadRepos()) {
    process.stdout.write(`${entry.repo} @ ${entry.commit.slice(0, 12)} … `);
    materialise(entry);
    console.log('ok');
  }
}
