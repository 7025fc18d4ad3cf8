import { spawn } from 'node:child_process';
import { once } from 'node:events';

export interface Change {
  path: string;
  /** New content, or `undefined` to delete the path. */
  content: string | undefined;
}

export interface Commit {
  message: string;
  /** Seconds since the epoch. */
  time: number;
  changes: Change[];
}

const FLUSH_BYTES = 1 << 20;

/**
 * Streams commits into `git fast-import` on `refs/heads/main` of the repository at `dir`
 * (thousands of commits in seconds, no work tree touched). Backpressure is respected, so only
 * a megabyte of the stream is held at a time.
 */
export async function importCommits(dir: string, commits: Iterable<Commit>): Promise<void> {
  const git = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: dir, stdio: ['pipe', 'inherit', 'inherit'] });
  const exited = once(git, 'close');
  let pending: string[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending.join('');
    pending = [];
    pendingBytes = 0;
    if (!git.stdin.write(chunk)) await once(git.stdin, 'drain');
  };
  const write = async (text: string) => {
    pending.push(text);
    pendingBytes += text.length;
    if (pendingBytes >= FLUSH_BYTES) await flush();
  };
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;

  for (const commit of commits) {
    const who = `Bench Developer <dev@example.com> ${commit.time} +0000`;
    await write(`commit refs/heads/main\nauthor ${who}\ncommitter ${who}\n${data(commit.message)}`);
    for (const change of commit.changes) {
      await write(change.content === undefined ? `D ${change.path}\n` : `M 100644 inline ${change.path}\n${data(change.content)}`);
    }
    await write('\n');
  }
  await write('done\n');
  await flush();
  git.stdin.end();
  const [code] = await exited;
  if (code !== 0) throw new Error(`git fast-import exited with ${code} in ${dir}`);
}
