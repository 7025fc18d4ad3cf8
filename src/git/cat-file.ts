import type { GitLocation } from './git-process.js';
import { spawnGit } from './git-process.js';

export interface Blob {
  oid: string;
  bytes: Buffer;
  /** Where the blob's id is in the list asked for. */
  index: number;
}

/**
 * How many ids may be asked of git and not yet answered. git answers in order and waits for
 * its output to be read, so a small window keeps both sides busy: more ids in flight only
 * pile up in the pipes.
 */
export const MAX_PENDING_READS = 256;

/** What one reading did: how many ids it asked for, how many git answered, the most in flight at once. */
export interface ReadStats {
  asked: number;
  answered: number;
  pendingHighWater: number;
}

export const emptyReadStats = (): ReadStats => ({ asked: 0, answered: 0, pendingHighWater: 0 });

/**
 * Streams blob contents through one long-lived `git cat-file --batch` process. Ids are taken
 * from `oids` as git answers (never more than `MAX_PENDING_READS` unanswered), so a list of
 * any length is never held in the pipe or in memory. Calls `onBlob` for each in the order
 * asked and waits for it, so a slow consumer holds back both the reading and the asking.
 */
export async function readBlobs(at: GitLocation, oids: Iterable<string>, onBlob: (blob: Blob) => Promise<void>, stats: ReadStats = emptyReadStats()): Promise<void> {
  const source = oids[Symbol.iterator]();
  let next = source.next();
  if (next.done) return;
  const child = spawnGit(['cat-file', '--batch'], at);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  // One listener for the life of the process (git may exit early; its exit code tells).
  child.stdin.on('error', () => {});

  /** Asks for ids until the window is full; ends git's input after the last. */
  const askMore = () => {
    if (next.done || child.stdin.destroyed) return;
    const room = MAX_PENDING_READS - (stats.asked - stats.answered);
    // Top up in batches, not one write per id.
    if (room < MAX_PENDING_READS / 4) return;
    let text = '';
    for (let n = 0; n < room && !next.done; n++, next = source.next()) {
      text += `${next.value}\n`;
      stats.asked++;
    }
    stats.pendingHighWater = Math.max(stats.pendingHighWater, stats.asked - stats.answered);
    child.stdin.write(text);
    if (next.done) child.stdin.end();
  };
  askMore();

  // Chunks are joined only when a header or a whole blob is ready, never once per chunk.
  let chunks: Buffer[] = [];
  let length = 0;
  const joined = () => {
    if (chunks.length > 1) chunks = [Buffer.concat(chunks, length)];
    return chunks[0] ?? Buffer.alloc(0);
  };
  const consume = (count: number) => {
    const rest = joined().subarray(count);
    chunks = rest.length > 0 ? [rest] : [];
    length = rest.length;
  };
  let header: { oid: string; size: number; index: number } | undefined;
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    for (;;) {
      if (!header) {
        const newline = joined().indexOf(10);
        if (newline === -1) break;
        // git answers each id asked for with one header line, in order ("<id> missing" included).
        const [oid, type, size] = joined().subarray(0, newline).toString('latin1').split(' ');
        consume(newline + 1);
        const index = stats.answered++;
        askMore();
        if (type === 'missing' || size === undefined) continue;
        header = { oid: oid!, size: Number(size), index };
      }
      if (length < header.size + 1) break;
      const bytes = Buffer.from(joined().subarray(0, header.size));
      consume(header.size + 1);
      const { oid, index } = header;
      header = undefined;
      await onBlob({ oid, bytes, index });
    }
  }
  const code = await exited;
  if (code !== 0) throw new Error(`git cat-file exited ${code}: ${stderr.trim().split('\n')[0] ?? ''}`);
}
