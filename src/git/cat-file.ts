import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { GitLocation } from './git-process.js';
import { spawnGit } from './git-process.js';

export interface Blob {
  oid: string;
  bytes: Buffer;
  /** Where the blob's id is in the list asked for. */
  index: number;
}

/** How many ids are written to git at a time. */
const IDS_PER_WRITE = 1024;

/**
 * Writes the ids to git's input as git takes them, not all at once: 200,000 ids joined into
 * one text were 16 MB held until git had read them. Runs beside the reading of the output, so
 * neither side waits on the other.
 */
async function askFor(input: Writable, oids: string[]): Promise<void> {
  try {
    for (let at = 0; at < oids.length && !input.destroyed; at += IDS_PER_WRITE) {
      const text = `${oids.slice(at, at + IDS_PER_WRITE).join('\n')}\n`;
      if (!input.write(text)) await Promise.race([once(input, 'drain'), once(input, 'close')]);
    }
    if (!input.destroyed) input.end();
  } catch {
    // git stopped reading (it exited): its exit code says why.
  }
}

/**
 * Streams blob contents through one `git cat-file --batch` process. Calls `onBlob` for each in
 * the order asked and waits for it, so a slow consumer holds back the reading.
 */
export async function readBlobs(at: GitLocation, oids: string[], onBlob: (blob: Blob) => Promise<void>): Promise<void> {
  if (oids.length === 0) return;
  const child = spawnGit(['cat-file', '--batch'], at);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  child.stdin.on('error', () => {}); // git may exit early; the exit code tells
  void askFor(child.stdin, oids);

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
  // git answers each id asked for with one header line, in order ("<id> missing" included).
  let answered = 0;
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    for (;;) {
      if (!header) {
        const newline = joined().indexOf(10);
        if (newline === -1) break;
        const [oid, type, size] = joined().subarray(0, newline).toString().split(' ');
        consume(newline + 1);
        const index = answered++;
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
