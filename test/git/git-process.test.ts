import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { BlobSource } from '../../src/git/cat-file.js';
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
    const outcome = await readGitLines(['log', '--reverse', '--format=%s'], { gitDir: join(repo.dir, '.git') }, (line) => taken.push(line.toString()) > 0);
    expect(outcome).toEqual({ ok: true, value: undefined });
    expect(taken).toEqual(['commit 1', 'commit 2', 'commit 3']);
  });

  it('stops at the first line it is told to, which is no failure', async () => {
    const repo = repoWithCommits(40);
    const taken: string[] = [];
    const outcome = await readGitLines(['log', '--format=%s', '--raw'], { gitDir: join(repo.dir, '.git') }, (line) => {
      taken.push(line.toString());
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

  it('gives whole lines across chunk boundaries, the last one without a newline too, and every raw byte to `see`', async () => {
    const repo = useRepo();
    for (let i = 0; i < 3000; i++) repo.write(`folder-with-a-long-name-${i % 7}/file-${i}-${'x'.repeat(i % 50)}.txt`, `${i}\n`);
    repo.commit('many files');
    const at = { gitDir: join(repo.dir, '.git') };
    const args = ['rev-list', '--objects', '--all'];
    const whole = execFileSync('git', ['--git-dir', at.gitDir, ...args]);
    expect(whole.length).toBeGreaterThan(3 * 65536); // several chunks of a pipe
    const lines: string[] = [];
    const seen: Buffer[] = [];
    await readGitLines(args, at, (line) => lines.push(line.toString()) > 0, { see: (chunk) => seen.push(Buffer.from(chunk)) });
    expect(seen.length).toBeGreaterThan(1);
    expect(Buffer.concat(seen).equals(whole)).toBe(true);
    expect(lines).toEqual(whole.toString().split('\n').filter(Boolean));

    const last: string[] = [];
    await readGitLines(['log', '-2', '--format=format:%s'], at, (line) => last.push(line.toString()) > 0);
    expect(last).toEqual(['many files']);
  });

  it('reads more blobs through one cat-file than a pipe holds ids for, each whole and in the order asked', async () => {
    const repo = useRepo();
    for (let i = 0; i < 4000; i++) repo.write(`f/${i}.txt`, `content ${i}\n`);
    repo.commit('files');
    const at = { gitDir: join(repo.dir, '.git') };
    const entries = execFileSync('git', ['--git-dir', at.gitDir, 'ls-tree', '-r', 'HEAD'], { encoding: 'utf8' }).trim().split('\n');
    const oids = entries.map((line) => line.split(/\s+/)[2]!).reverse();
    expect(oids.length * 41).toBeGreaterThan(2 * 65536);
    // An id the repository does not have, in the middle: no blob, and those after it still in place.
    const missing = 'f'.repeat(40);
    oids.splice(1000, 0, missing);
    const source = new BlobSource(at);
    onTestFinished(() => source.close());
    const blobs = await source.read(oids);
    expect(blobs[1000]).toBeUndefined();
    const read = oids.flatMap((oid, i) => (blobs[i] ? [`${oid} ${blobs[i]!.toString()}`] : []));
    const expected = entries.map((line) => `${line.split(/\s+/)[2]} content ${/f\/(\d+)\.txt$/.exec(line)![1]}\n`).reverse();
    expect(read).toEqual(expected);
  });
});
