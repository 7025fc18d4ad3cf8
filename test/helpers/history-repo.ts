import { spawnSync } from 'node:child_process';
import { GitRepo } from './git-repo.js';

export interface LongHistory {
  repo: GitRepo;
  /** How many blobs the history holds that the work tree does not. */
  historyBlobs: number;
  /** The commit that added `secretPath` (with the secret in it). */
  secretCommit: string;
  secretPath: string;
}

/**
 * A repository whose history holds `files` small blobs that its work tree no longer has, made
 * in one `git fast-import` run (thousands of blobs in well under a second): a commit adds the
 * files, the next replaces them all and adds `secretPath` with `secretText`, the last removes it.
 */
export function longHistoryRepo(files: number, secretText: string, secretPath = 'old/settings.py'): LongHistory {
  const repo = new GitRepo('airlock-long-history-');
  const parts: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  let time = 1_600_000_000;
  const commit = (message: string, mark: number, body: string[]) => {
    parts.push(`commit refs/heads/main\nmark :${mark}\ncommitter airlock test <test@airlock.invalid> ${time++} +0000\n${data(message)}`, ...body);
  };
  const first: string[] = [];
  for (let i = 0; i < files; i++) first.push(`M 100644 inline src/part${i % 40}/module${i}.py\n${data(`# module ${i}\nvalue = ${i * 7919}\n`)}`);
  commit('many files', 1, first);
  const second = ['deleteall\n', `M 100644 inline ${secretPath}\n${data(secretText)}`, `M 100644 inline README.md\n${data('now small\n')}`];
  commit('replace them', 2, second);
  commit('remove the settings', 3, [`D ${secretPath}\n`]);
  parts.push('done\n');
  const run = spawnSync('git', ['fast-import', '--quiet', '--done'], { cwd: repo.dir, input: parts.join(''), stdio: ['pipe', 'pipe', 'pipe'] });
  if (run.status !== 0) throw new Error(`fast-import failed: ${run.stderr.toString()}`);
  repo.git('reset', '-q', '--hard', 'main');
  return { repo, historyBlobs: files + 1, secretCommit: repo.git('rev-parse', 'main~1'), secretPath };
}
