import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { BlobSource } from '../../src/git/cat-file.js';
import { runCli } from '../helpers/cli.js';
import { fakeGithubToken } from '../helpers/fake-secrets.js';
import { longHistoryRepo } from '../helpers/history-repo.js';
import { useTempDir } from '../helpers/temp-dir.js';

interface Doc {
  findings: { ruleId: string; path: string; source: string; commit?: string; secret?: string }[];
  stats: { history?: { blobs: number; read: number; reused: number } };
}

describe('a long history stream', () => {
  it('reads 30,000 ids in batches through one cat-file with at most a batch pending, and leaks no listener', { timeout: 60_000 }, async () => {
    const { repo } = longHistoryRepo(3000, 'nothing here\n');
    onTestFinished(() => repo.remove());
    const listed = repo.git('rev-list', '--objects', 'main~2').split('\n').map((line) => line.split(' ')[0]!);
    // Asked ten times over: 30,000 ids, far more than a pipe holds.
    const oids = Array.from({ length: 10 }, () => listed).flat();
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    onTestFinished(() => void process.off('warning', onWarning));
    const source = new BlobSource({ gitDir: join(repo.dir, '.git') });
    onTestFinished(() => source.close());
    let answered = 0;
    // A worker's batch at a time, as the history scan asks; a slow consumer now and then.
    for (let at = 0; at < oids.length; at += 64) {
      const blobs = await source.read(oids.slice(at, at + 64));
      expect(blobs).toHaveLength(Math.min(64, oids.length - at));
      answered += blobs.filter((blob) => blob !== undefined).length;
      if (at % 6400 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(warnings).toEqual([]);
    // Every id is answered (commits and trees are objects too), and no more than a batch waited at once.
    expect(answered).toBe(oids.length);
    expect(source.pendingHighWater).toBe(64);
  });

  it('answers batch after batch through one long-lived cat-file, each blob whole, and says which ids git lacks', { timeout: 60_000 }, async () => {
    const { repo } = longHistoryRepo(500, 'nothing here\n');
    onTestFinished(() => repo.remove());
    const listed = repo.git('rev-list', '--objects', 'main~2').split('\n').filter((line) => line.endsWith('.py')).map((line) => line.split(' ')[0]!);
    const source = new BlobSource({ gitDir: join(repo.dir, '.git') });
    onTestFinished(() => source.close());
    const missing = 'e'.repeat(40);
    for (let at = 0; at < listed.length; at += 64) {
      const ids = [...listed.slice(at, at + 64), missing];
      const blobs = await source.read(ids);
      expect(blobs).toHaveLength(ids.length);
      expect(blobs.at(-1)).toBeUndefined();
      for (const [i, blob] of blobs.slice(0, -1).entries()) expect(blob!.toString()).toBe(repo.git('cat-file', 'blob', ids[i]!) + '\n');
      // Exactly the blob's size: a worker is sent a buffer's whole memory.
      for (const blob of blobs.slice(0, -1)) expect(blob!.buffer.byteLength).toBe(blob!.length);
    }
    expect(source.pendingHighWater).toBe(65);
  });

  it('leaves no listener warning on the built CLI, traces the finding to its commit, and a warm rescan reads no blob', { timeout: 90_000 }, () => {
    const token = fakeGithubToken();
    // More than 11 times the ids one write used to carry (1,024): each full pipe leaked a listener.
    const { repo, secretCommit, secretPath, historyBlobs } = longHistoryRepo(12_500, `token = '${token}'\n`);
    onTestFinished(() => repo.remove());
    const cache = useTempDir('airlock-long-history-cache-');
    const scan = () => runCli(['scan', repo.dir, '--format', 'json', '--fail-on', 'never'], { env: { AIRLOCK_CACHE_DIR: cache } });

    const cold = scan();
    expect(cold.stderr).not.toMatch(/MaxListenersExceeded|Warning/);
    expect(cold.stderr).toBe('');
    const doc = JSON.parse(cold.stdout) as Doc;
    expect(doc.findings.filter((f) => f.source === 'git-history')).toEqual([expect.objectContaining({ ruleId: 'github-pat', path: secretPath, commit: secretCommit })]);
    expect(doc.findings.map((f) => f.secret ?? '').join('')).not.toContain(token);
    expect(doc.stats.history).toMatchObject({ blobs: historyBlobs, read: historyBlobs, reused: 0 });

    const warm = scan();
    expect(warm.stderr).toBe('');
    const again = JSON.parse(warm.stdout) as Doc;
    expect(again.findings).toEqual(doc.findings);
    expect(again.stats.history).toMatchObject({ blobs: historyBlobs, read: 0 });
  });
});
