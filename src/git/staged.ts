import { fail, ok, type Outcome } from '../model/outcome.js';
import { readGitLines, runGit, runGitAsync } from './git-process.js';

export interface StagedFile {
  /** Path relative to the repository's top, with `/`. */
  path: string;
  oid: string;
  mode: string;
}

export interface StagedChanges {
  repoRoot: string;
  gitDir: string;
  files: StagedFile[];
}

const REGULAR_FILE_MODES = new Set(['100644', '100755']);

export interface Repository {
  repoRoot: string;
  gitDir: string;
}

/** The repository `cwd` is in: its top folder and git directory. */
export function findRepository(cwd: string): Outcome<Repository> {
  const top = runGit(['rev-parse', '--show-toplevel', '--absolute-git-dir'], { cwd });
  if (!top.ok) return fail(`--staged needs a git repository: ${cwd} is not inside one`);
  const [repoRoot, gitDir] = top.value.toString().trim().split('\n') as [string, string];
  return ok({ repoRoot, gitDir });
}

/**
 * What the next commit would add or change: staged blobs from the index (never the working
 * tree, which may differ), for added, copied, modified and renamed paths, in one `git diff
 * --cached --raw` (which names each path's staged blob). Asynchronous, so the caller can
 * prepare its rules meanwhile.
 */
export async function listStaged(repository: Repository, pathspecs: string[] = []): Promise<Outcome<StagedChanges>> {
  const { repoRoot, gitDir } = repository;
  const at = { gitDir, workTree: repoRoot };
  const diff = await runGitAsync(['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--diff-filter=ACMR', '--', ...pathspecs], at, repoRoot);
  if (!diff.ok) return diff;
  // -z: ":<old mode> <new mode> <old oid> <new oid> <status>" NUL "<path>" NUL, per path.
  const fields = diff.value.toString().split('\0');
  const files: StagedFile[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [, mode, , oid] = fields[i]!.slice(1).split(' ') as [string, string, string, string];
    const path = fields[i + 1]!;
    if (REGULAR_FILE_MODES.has(mode)) files.push({ path, oid, mode });
  }
  return ok({ repoRoot, gitDir, files });
}

/**
 * The size of each blob git has of `oids` (one `git cat-file --batch-check` for all): a blob
 * over the size limit is then never read (a staged 100 MB binary was read whole to be told
 * too large). An id git lacks has no entry.
 */
export async function blobSizes(repository: Repository, oids: readonly string[]): Promise<Outcome<Map<string, number>>> {
  const sizes = new Map<string, number>();
  const at = { gitDir: repository.gitDir, workTree: repository.repoRoot };
  const take = (line: Buffer) => {
    // "<oid> <size>", or "<oid> missing".
    const [oid, size] = line.toString('latin1').split(' ') as [string, string];
    if (size !== 'missing') sizes.set(oid, Number(size));
    return true;
  };
  const listed = await readGitLines(['cat-file', '--batch-check=%(objectname) %(objectsize)'], at, take, { input: Buffer.from(`${oids.join('\n')}\n`) });
  return listed.ok ? ok(sizes) : listed;
}
