import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGitLines } from '../../src/git/git-process.js';
import { useRepo } from '../helpers/git-repo.js';

describe('readGitLines: git output a line at a time', () => {
  const repoWithCommits = (count: number) => {
    const repo = useRepo();
    for (let i = 1; i <= count; i++) repo.write('file.txt', `version ${i}\n`).commit(`commit ${i}`);
    return repo;
  };

  it('hands over every line, in order, and says ok', async () => {
    const repo = repoWithCommits(3);
    const taken: string[] = [];
    const outcome = await readGitLines(['log', '--reverse', '--format=%s'], { gitDir: join(repo.dir, '.git') }, (line) => taken.push(line) > 0);
    expect(outcome).toEqual({ ok: true, value: undefined });
    expect(taken).toEqual(['commit 1', 'commit 2', 'commit 3']);
  });

  it('stops at the first line it is told to, which is no failure', async () => {
    const repo = repoWithCommits(40);
    const taken: string[] = [];
    const outcome = await readGitLines(['log', '--format=%s', '--raw'], { gitDir: join(repo.dir, '.git') }, (line) => {
      taken.push(line);
      return false;
    });
    expect(outcome.ok).toBe(true);
    expect(taken).toEqual(['commit 40']);
  });

  it('fails with git\'s own first line of error', async () => {
    const outcome = await readGitLines(['log'], { gitDir: join(useRepo().dir, 'not-a-git-dir') }, () => true);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.errors[0]).toMatch(/^git log: fatal: not a git repository/);
  });
});
