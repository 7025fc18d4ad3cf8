import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { measureTree } from '../lib/list-files.ts';
import { REPO_SPECS } from './repo-specs.ts';
import { buildSourceRepo, type RepoSpec } from './source-repo.ts';

/** About this many files: a whole laptop's disk, less what the kernel shows (`/proc`, `/sys`, `/dev`). */
export const DISK_FILES = 500_000;
/** Each generated repository that tops the disk up: a mid-sized project with a short history. */
const FILLER: Omit<RepoSpec, 'name'> = { files: 20_000, commits: 40, mix: { ts: 3, js: 2, py: 2, md: 1, json: 1, yaml: 0.5 }, large: 4, plants: [] };

export interface DiskTier {
  root: string;
  files: number;
  bytes: number;
  /** What it is made of, for the report. */
  parts: { name: string; files: number }[];
  builtAt: string;
  buildSeconds: number;
}

/** Hard link where the file system allows it, else a copy; set-user-id files are always copied, without that bit. */
function placeFile(source: string, target: string, mode: number): boolean {
  if ((mode & 0o6000) === 0) {
    try {
      linkSync(source, target);
      return true;
    } catch {
      // another file system (EXDEV) or a protected link (EPERM): copy instead
    }
  }
  try {
    copyFileSync(source, target);
    chmodSync(target, mode & 0o777);
    return true;
  } catch {
    return false;
  }
}

/**
 * Like `cp -al`, but an entry that cannot be read or linked is left out, not an error: `/usr`
 * holds a few files only root can read. Returns the number of regular files placed.
 */
export function mirrorTree(source: string, target: string): number {
  let placed = 0;
  const stack: [string, string][] = [[source, target]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    let stats;
    try {
      stats = lstatSync(from);
    } catch {
      continue;
    }
    if (stats.isDirectory()) {
      mkdirSync(to, { recursive: true });
      let names: string[] = [];
      try {
        names = readdirSync(from);
      } catch {
        // unreadable folder: left out
      }
      for (const name of names) stack.push([join(from, name), join(to, name)]);
    } else if (stats.isSymbolicLink()) {
      mkdirSync(dirname(to), { recursive: true });
      symlinkSync(readlinkSync(from), to);
    } else if (stats.isFile()) {
      mkdirSync(dirname(to), { recursive: true });
      if (placeFile(from, to, stats.mode)) placed++;
    }
  }
  return placed;
}

/**
 * `<corpusDir>/disk`: a whole disk of about 500,000 files, built the first time a run asks for it
 * (a marker, `disk.json`, says it is complete). The machine's own `/usr`, the corpus's home (its
 * ~800-package node_modules and four generated repositories), airlock's own node_modules, and
 * generated repositories with short histories (other seeds, other contents) up to the count.
 * Hard links where possible, so it costs little disk; nothing of it is committed.
 */
export async function ensureDiskTier(corpusDir: string, home: string, repo: string, seed: string, log: (line: string) => void): Promise<DiskTier> {
  const marker = join(corpusDir, 'disk.json');
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8')) as DiskTier;
  const root = join(corpusDir, 'disk');
  const started = performance.now();
  log(`  building the whole-disk tier in ${root} (once; about ${DISK_FILES.toLocaleString('en')} files)...`);
  rmSync(root, { recursive: true, force: true });
  const parts: DiskTier['parts'] = [];
  const add = (name: string, files: number) => {
    parts.push({ name, files });
    log(`    ${name}: ${files.toLocaleString('en')} files`);
  };
  add('usr (the machine\'s /usr, hard links)', mirrorTree('/usr', join(root, 'usr')));
  add('home/dev (the full tier: dotfiles, node_modules, 4 repositories)', mirrorTree(home, join(root, 'home', 'dev')));
  // Linking changed the files' ctime: refresh each index so git sees the work trees as clean.
  for (const spec of REPO_SPECS) spawnSync('git', ['update-index', '-q', '--refresh'], { cwd: join(root, 'home', 'dev', 'code', spec.name), stdio: 'ignore' });
  if (existsSync(join(repo, 'node_modules'))) add('home/dev/code/airlock/node_modules (airlock\'s own)', mirrorTree(join(repo, 'node_modules'), join(root, 'home', 'dev', 'code', 'airlock', 'node_modules')));
  let total = parts.reduce((sum, part) => sum + part.files, 0);
  for (let n = 1; total < DISK_FILES; n++) {
    const spec: RepoSpec = { ...FILLER, name: `project-${n}`, files: Math.min(FILLER.files, DISK_FILES - total + 100) };
    await buildSourceRepo(join(root, 'home', 'dev', 'src', spec.name), spec, `${seed}/disk`);
    const files = measureTree(join(root, 'home', 'dev', 'src', spec.name)).files;
    add(`home/dev/src/${spec.name} (generated, ${spec.commits} commits)`, files);
    total += files;
  }
  const size = measureTree(root);
  const tier: DiskTier = { root, ...size, parts, builtAt: new Date().toISOString(), buildSeconds: Math.round((performance.now() - started) / 1000) };
  writeFileSync(marker, `${JSON.stringify(tier, null, 2)}\n`);
  log(`  ...${size.files.toLocaleString('en')} files, ${(size.bytes / 1e9).toFixed(1)} GB, ${tier.buildSeconds} s`);
  return tier;
}
