import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, release, totalmem, type } from 'node:os';
import type { LoadSummary } from './load-monitor.ts';

export interface Machine {
  date: string;
  cores: number;
  cpu: string;
  memoryGiB: number;
  os: string;
  node: string;
  ripgrep: string | undefined;
  git: string;
  airlockCommit: string;
  /** Filled in at the end of the run. */
  load?: LoadSummary;
}

const firstLine = (command: string, args: string[], cwd?: string) => {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd });
  return result.status === 0 ? result.stdout.split('\n')[0]!.trim() : undefined;
};

export function describeMachine(repo: string): Machine {
  const head = firstLine('git', ['rev-parse', '--short', 'HEAD'], repo) ?? 'unknown';
  // The commit that last changed what is measured, which may be older than HEAD.
  const code = firstLine('git', ['log', '-1', '--format=%h', '--', 'src', 'rules'], repo);
  const commit = code && code !== head ? `${head} (src/ and rules/ as at ${code})` : head;
  const isDirty = (firstLine('git', ['status', '--porcelain', '--', 'src', 'rules'], repo) ?? '') !== '';
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: totalmem() / 2 ** 30,
    os: `${type()} ${release()}`,
    node: process.version,
    ripgrep: firstLine('rg', ['--version']),
    git: firstLine('git', ['--version']) ?? 'git not found',
    airlockCommit: isDirty ? `${commit} + uncommitted changes in src/ or rules/` : commit,
  };
}
