import { fail, ok, type Outcome } from '../model/outcome.js';
import { runGit } from './git-process.js';

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

/**
 * What the next commit would add or change: staged blobs from the index (never the working
 * tree, which may differ), for added, copied, modified and renamed paths.
 */
export function listStaged(cwd: string, pathspecs: string[] = []): Outcome<StagedChanges> {
  const top = runGit(['rev-parse', '--show-toplevel', '--absolute-git-dir'], { cwd });
  if (!top.ok) return fail(`--staged needs a git repository: ${cwd} is not inside one`);
  const [repoRoot, gitDir] = top.value.toString().trim().split('\n') as [string, string];
  const changed = runGit(['diff', '--cached', '--name-only', '-z', '--no-renames', '--diff-filter=ACMR', '--', ...pathspecs], { cwd: repoRoot });
  if (!changed.ok) return changed;
  const paths = changed.value.toString().split('\0').filter(Boolean);
  if (paths.length === 0) return ok({ repoRoot, gitDir, files: [] });
  const staged = runGit(['ls-files', '--stage', '-z', '--', ...paths.map((p) => `:(literal)${p}`)], { cwd: repoRoot });
  if (!staged.ok) return staged;
  const files = staged.value
    .toString()
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = line.split('\t') as [string, string];
      const [mode, oid, stage] = meta.split(' ') as [string, string, string];
      return { path, oid, mode, stage };
    })
    .filter((f) => REGULAR_FILE_MODES.has(f.mode) && f.stage === '0')
    .map(({ path, oid, mode }) => ({ path, oid, mode }));
  return ok({ repoRoot, gitDir, files });
}
