import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const gitIn = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });

/** The git commands that list a repository's history. */
const LISTING = /^(?:log --all|for-each-ref|cat-file --batch-all-objects|ls-files|diff-files|config --null)\b/;

/** The command and its arguments, after git's own options (`-c name=value`, `--git-dir=`, `--work-tree=`). */
function commandOf(args: string[]): string {
  const rest = [...args];
  while (rest.length > 0) {
    if (rest[0] === '-c') rest.splice(0, 2);
    else if (/^--(?:git-dir|work-tree)=/.test(rest[0]!)) rest.shift();
    else break;
  }
  return rest.join(' ');
}

describe('history listings', () => {
  it('list one repository at a time, however many the walk finds', { timeout: 60_000 }, () => {
    const base = useTempDir();
    const root = join(base, 'home');
    for (const name of ['one', 'two', 'three', 'four']) {
      const repo = join(root, name);
      mkdirSync(repo, { recursive: true });
      gitIn(repo, 'init', '-q', '-b', 'main');
      writeFileSync(join(repo, 'notes.txt'), `first ${name}\n`);
      gitIn(repo, 'add', '-A');
      gitIn(repo, '-c', 'user.name=t', '-c', 'user.email=t@airlock.invalid', 'commit', '-q', '-m', 'one');
      writeFileSync(join(repo, 'notes.txt'), `second ${name}\n`);
      gitIn(repo, '-c', 'user.name=t', '-c', 'user.email=t@airlock.invalid', 'commit', '-q', '-am', 'two');
    }
    // A git that logs when each command starts and ends, and takes its time, so that
    // listings running side by side would overlap in the log.
    const bin = join(base, 'bin');
    mkdirSync(bin);
    const log = join(base, 'git.log');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(
      join(bin, 'git'),
      `#!/bin/sh\necho "start $$ $*" >> '${log}'\nsleep 0.1\n'${realGit}' "$@"\ncode=$?\necho "end $$" >> '${log}'\nexit $code\n`,
    );
    chmodSync(join(bin, 'git'), 0o755);

    const run = runCli(['scan', root, '--format', 'json', '--no-cache'], { env: { PATH: `${bin}:${process.env.PATH}` } });
    expect(run.status).toBe(0);

    // Replay the log: at no moment do listing commands of two repositories run together.
    const running = new Map<string, string>(); // pid → git dir
    const listedDirs = new Set<string>();
    let listed = 0;
    for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
      const [event, pid, ...args] = line.split(' ');
      if (event === 'end') {
        running.delete(pid!);
        continue;
      }
      const gitDir = args.find((arg) => arg.startsWith('--git-dir='));
      if (!gitDir || !LISTING.test(commandOf(args))) continue;
      listed++;
      listedDirs.add(gitDir);
      for (const other of running.values()) expect(other).toBe(gitDir);
      running.set(pid!, gitDir);
    }
    expect(listedDirs.size).toBe(4);
    expect(listed).toBeGreaterThanOrEqual(4 * 3);

    // Blob readers: one long-lived cat-file per repository and thread, two kept open at most
    // (here every blob is read on the main thread); one stopped may not have exited yet when
    // the next starts. Kept open, all four would run until the scan ends.
    const readers = new Set<string>();
    let most = 0;
    for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
      const [event, pid, ...args] = line.split(' ');
      if (event === 'end') readers.delete(pid!);
      else if (commandOf(args) === 'cat-file --batch') readers.add(pid!);
      most = Math.max(most, readers.size);
    }
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(3);
  });
});
