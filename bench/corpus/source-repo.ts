import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { importCommits, type Commit } from './fast-import.ts';
import { createRandom, type Random } from './random.ts';
import { editSource, generateSource, randomWord, type SourceKind } from './source-text.ts';

/** A secret planted in a repository: added by one commit, deleted by a later one or kept. */
export interface Plant {
  path: string;
  content: (r: Random) => string;
  /** Commit index (0-based) that adds it. */
  addAt: number;
  /** Commit index that deletes it; absent: it stays in the work tree. */
  removeAt?: number;
}

/** One generated repository standing in for a large open-source project. */
export interface RepoSpec {
  name: string;
  files: number;
  commits: number;
  /** Relative weight of each kind of file. */
  mix: Partial<Record<SourceKind, number>>;
  /** How many files of 0.3–2 MB (data fixtures, bundles); never edited. */
  large: number;
  plants: Plant[];
}

const ROOT_BY_KIND: Record<SourceKind, readonly string[]> = {
  ts: ['src', 'packages', 'test'],
  js: ['lib', 'scripts', 'test'],
  py: ['app', 'services', 'tests'],
  md: ['docs', 'guides'],
  json: ['fixtures', 'schemas'],
  yaml: ['config', 'deploy'],
};
const EXTENSIONS: Record<SourceKind, readonly string[]> = {
  ts: ['ts', 'ts', 'ts', 'tsx'],
  js: ['js', 'js', 'mjs'],
  py: ['py'],
  md: ['md'],
  json: ['json'],
  yaml: ['yml', 'yaml'],
};

interface PlannedFile {
  path: string;
  kind: SourceKind;
  bytes: number;
  isLarge: boolean;
}

/** Most files 1–16 KB, a fifth smaller, none larger (large files are planned separately). */
function typicalSize(r: Random): number {
  const p = r.next();
  if (p < 0.22) return Math.round(r.logUniform(200, 1024));
  if (p < 0.9) return Math.round(r.logUniform(1024, 4 * 1024));
  return Math.round(r.logUniform(4 * 1024, 16 * 1024));
}

function planFiles(spec: RepoSpec, r: Random): PlannedFile[] {
  const kinds = Object.entries(spec.mix) as [SourceKind, number][];
  const totalWeight = kinds.reduce((sum, [, w]) => sum + w, 0);
  const pickKind = () => {
    let x = r.next() * totalWeight;
    for (const [kind, weight] of kinds) if ((x -= weight) < 0) return kind;
    return kinds[0]![0];
  };
  const directories = new Map<SourceKind, string[]>();
  for (const [kind] of kinds) {
    const count = Math.max(3, Math.round(spec.files / 14 / kinds.length));
    directories.set(kind, Array.from({ length: count }, () => {
      const depth = r.int(1, 4);
      return [r.pick(ROOT_BY_KIND[kind]), ...Array.from({ length: depth }, () => randomWord(r))].join('/');
    }));
  }
  const taken = new Set<string>();
  const files: PlannedFile[] = [];
  for (let i = 0; i < spec.files; i++) {
    const isLarge = i < spec.large;
    const kind: SourceKind = isLarge ? r.pick(['json', 'js'] as const) : pickKind();
    const dir = isLarge ? (kind === 'json' ? 'fixtures/data' : 'dist') : r.pick(directories.get(kind)!);
    const stem = isLarge ? `${randomWord(r)}-${kind === 'js' ? 'bundle.min' : 'dump'}` : `${randomWord(r)}-${randomWord(r)}`;
    const extension = r.pick(EXTENSIONS[kind]);
    let path = `${dir}/${stem}.${extension}`;
    for (let n = 2; taken.has(path); n++) path = `${dir}/${stem}-${n}.${extension}`;
    taken.add(path);
    files.push({ path, kind, isLarge, bytes: isLarge ? Math.round(r.logUniform(300 * 1024, 2 * 1024 * 1024)) : typicalSize(r) });
  }
  return files;
}

/**
 * The repository's history: the first commit adds 60% of the files, every later one edits one
 * to four files and adds its share of the rest, and the planted secrets come and go on their
 * commits. Yields commit by commit, so only the current version of each file is held.
 */
function* history(spec: RepoSpec, seed: string): Generator<Commit> {
  const r = createRandom(seed);
  const planned = planFiles(spec, r.fork('plan'));
  const current = new Map<string, { kind: SourceKind; text: string }>();
  const editable: string[] = [];
  const initial = Math.round(planned.length * 0.6);
  const perLater = spec.commits > 1 ? (planned.length - initial) / (spec.commits - 1) : 0;
  let next = 0;
  const add = (file: PlannedFile, changes: Commit['changes']) => {
    const text = generateSource(file.kind, r.fork(`file:${file.path}`), file.bytes);
    current.set(file.path, { kind: file.kind, text });
    if (!file.isLarge) editable.push(file.path);
    changes.push({ path: file.path, content: text });
  };
  const start = Date.UTC(2019, 0, 7) / 1000;
  for (let index = 0; index < spec.commits; index++) {
    const changes: Commit['changes'] = [];
    const until = index === 0 ? initial : Math.min(planned.length, Math.round(initial + perLater * index));
    if (index === spec.commits - 1) while (next < planned.length) add(planned[next++]!, changes);
    while (next < until) add(planned[next++]!, changes);
    if (index > 0) {
      const edits = r.int(1, 4);
      for (let e = 0; e < edits && editable.length > 0; e++) {
        const path = r.pick(editable);
        const file = current.get(path)!;
        file.text = editSource(file.kind, file.text, r);
        changes.push({ path, content: file.text });
      }
    }
    for (const plant of spec.plants) {
      if (plant.addAt === index) changes.push({ path: plant.path, content: plant.content(r.fork(`plant:${plant.path}`)) });
      if (plant.removeAt === index) changes.push({ path: plant.path, content: undefined });
    }
    const verb = index === 0 ? 'Initial import' : `${r.pick(['Fix', 'Add', 'Update', 'Refactor', 'Tidy'])} ${randomWord(r)} ${randomWord(r)}`;
    yield { message: `${verb} (#${index + 1})\n`, time: start + index * 5400 + r.int(0, 3600), changes };
  }
}

/** Creates `<dir>` as a git repository holding `spec`'s history, with the last commit checked out. */
export async function buildSourceRepo(dir: string, spec: RepoSpec, seed: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  git('init', '-q', '-b', 'main');
  await importCommits(dir, history(spec, `${seed}/${spec.name}`));
  git('-c', 'core.autocrlf=false', 'reset', '--hard', '-q');
}
