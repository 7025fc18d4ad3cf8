import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileTask } from '../../src/pipeline/scan-file-task.js';
import { listHistory, queueHistory, type HistorySinks } from '../../src/pipeline/scan-history.js';
import type { TaskRunner } from '../../src/pipeline/task-runner.js';
import { GitRepo } from '../helpers/git-repo.js';

describe('history blobs queued for a worker', () => {
  it('carry their size, which the worker reads ahead by', async () => {
    const repo = new GitRepo();
    try {
      // Three versions of one file, then the file deleted: all three are history only.
      const versions = [1_000, 20_000, 300_000].map((length, i) => `${String(i)}${'x'.repeat(length - 2)}\n`);
      for (const [i, text] of versions.entries()) {
        repo.write('notes.txt', text);
        repo.commit(`version ${i}`);
      }
      repo.git('rm', '-q', 'notes.txt');
      repo.commit('gone');
      const directory = { root: repo.dir, gitDir: join(repo.dir, '.git') };
      const tasks: FileTask[] = [];
      const sinks: HistorySinks = {
        runner: { add: async (task: FileTask) => void tasks.push(task) } as unknown as TaskRunner,
        reuse: () => {},
        tally: () => {},
        runs: new Map(),
      };
      await queueHistory(directory, await listHistory(directory), sinks, 10 * 2 ** 20, []);
      expect(tasks.map((task) => [task.path, task.size])).toEqual(versions.map((text) => ['notes.txt', text.length]));
      // Each version after the first is compared with the one before it.
      expect(tasks.map((task) => task.previousOid === undefined)).toEqual([true, false, false]);
    } finally {
      repo.remove();
    }
  });
});
