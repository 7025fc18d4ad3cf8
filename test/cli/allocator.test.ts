import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MMAP_THRESHOLD, wantsSteadyAllocator, canSetAllocator } from '../../src/cli/allocator.js';
import { runCli } from '../helpers/cli.js';
import { fakeTestToken } from '../helpers/fake-secrets.js';
import { GitRepo } from '../helpers/git-repo.js';
import { writeTestRules } from '../helpers/rules.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

/** A module each start of Node loads first (`--import`): it notes the process id and the allocator setting it started with. */
function startRecorder(dir: string): { nodeArgs: string[]; starts: () => string[] } {
  const log = join(dir, 'starts.log');
  const hook = join(dir, 'record-start.mjs');
  // Worker threads load it too: only the main thread's start is a start of Node.
  writeFileSync(hook, `import { appendFileSync } from 'node:fs';\nimport { isMainThread } from 'node:worker_threads';\nif (isMainThread) appendFileSync(${JSON.stringify(log)}, \`\${process.pid} \${process.env.MALLOC_MMAP_THRESHOLD_ ?? '-'}\\n\`);\n`);
  return { nodeArgs: ['--import', hook], starts: () => readFileSync(log, 'utf8').trim().split('\n') };
}

describe('the allocator setting for commands that walk a tree', () => {
  it('is wanted by scans of folders, audits, plans and the TUI, not by a commit\'s scan, help, rules or hooks, nor when set already or off Linux', () => {
    for (const args of [['scan', '.'], [], ['.'], ['audit'], ['plan', '--target', 'docker', '.'], ['stage', '--to', '/tmp/x', '.'], ['scan', '--', '--staged']]) {
      expect(wantsSteadyAllocator(args, {}, 'linux'), args.join(' ')).toBe(true);
    }
    for (const args of [['scan', '--staged'], ['scan', '--help'], ['--help'], ['-h'], ['help', 'scan'], ['--version'], ['rules', 'test'], ['hook', 'install']]) {
      expect(wantsSteadyAllocator(args, {}, 'linux'), args.join(' ')).toBe(false);
    }
    expect(wantsSteadyAllocator(['scan', '.'], { MALLOC_MMAP_THRESHOLD_: '65536' }, 'linux')).toBe(false);
    expect(wantsSteadyAllocator(['scan', '.'], { GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=65536' }, 'linux')).toBe(false);
    expect(wantsSteadyAllocator(['scan', '.'], {}, 'darwin')).toBe(false);
    // A commit found to be large wants it too, unless it is set already.
    expect(canSetAllocator({}, 'linux')).toBe(true);
    expect(canSetAllocator({ MALLOC_MMAP_THRESHOLD_: '65536' }, 'linux')).toBe(false);
    expect(canSetAllocator({}, 'darwin')).toBe(false);
  });

  describe.runIf(process.platform === 'linux')('through the built CLI', () => {
    it('a scan starts once more in the same process with the setting, and reports as before', () => {
      const base = useTempDir();
      const root = join(base, 'root');
      writeTree(root, { 'config.txt': `token ${fakeTestToken()}\n`, 'ok.txt': 'fine\n' });
      const { nodeArgs, starts } = startRecorder(base);
      // Unset: the suite gives every CLI it runs the setting from the start (vitest.config.ts).
      const run = runCli(['scan', '--rules', writeTestRules(base), root], { nodeArgs, env: { AIRLOCK_CACHE_DIR: join(base, 'cache'), MALLOC_MMAP_THRESHOLD_: undefined } });
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/^NO-GO {2}1 blocking — complete scan$/m);
      const [first, second, ...more] = starts().map((line) => line.split(' '));
      expect(more).toEqual([]);
      expect(first![1]).toBe('-');
      expect(second).toEqual([first![0], MMAP_THRESHOLD]);
    });

    it('a commit\'s scan, and a scan where the user set the allocator, start once', () => {
      const repo = new GitRepo();
      try {
        repo.write('a.txt', 'hello\n');
        repo.git('add', 'a.txt');
        const staged = startRecorder(useTempDir());
        expect(runCli(['scan', '--staged'], { cwd: repo.dir, nodeArgs: staged.nodeArgs, env: { AIRLOCK_CACHE_DIR: useTempDir(), MALLOC_MMAP_THRESHOLD_: undefined } }).status).toBe(0);
        expect(staged.starts().map((line) => line.split(' ')[1])).toEqual(['-']);
        const own = startRecorder(useTempDir());
        expect(runCli(['scan', repo.dir], { nodeArgs: own.nodeArgs, env: { AIRLOCK_CACHE_DIR: useTempDir(), MALLOC_MMAP_THRESHOLD_: '65536' } }).status).toBe(0);
        expect(own.starts().map((line) => line.split(' ')[1])).toEqual(['65536']);
      } finally {
        repo.remove();
      }
    });

    it('a large commit\'s scan starts once more with the setting once it knows the commit is large, and reports every file', () => {
      const repo = new GitRepo();
      try {
        // 300 files: past the 256 blobs from which worker threads read the commit.
        for (let i = 0; i < 300; i++) repo.write(`f${i}.txt`, `line ${i}\n`);
        repo.write('leak.txt', `token ${fakeTestToken()}\n`);
        repo.git('add', '.');
        const { nodeArgs, starts } = startRecorder(useTempDir());
        const run = runCli(['scan', '--staged', '--rules', writeTestRules(useTempDir()), '--format', 'json'], { cwd: repo.dir, nodeArgs, env: { AIRLOCK_CACHE_DIR: useTempDir(), MALLOC_MMAP_THRESHOLD_: undefined } });
        expect(run.status).toBe(1);
        const report = JSON.parse(run.stdout) as { stats: { files: number }; findings: { path: string }[] };
        expect(report.stats.files).toBe(301);
        expect(report.findings.map((f) => f.path)).toEqual(['leak.txt']);
        const [first, second, ...more] = starts().map((line) => line.split(' '));
        expect(more).toEqual([]);
        expect(first![1]).toBe('-');
        expect(second).toEqual([first![0], MMAP_THRESHOLD]);
      } finally {
        repo.remove();
      }
    });
  });
});
