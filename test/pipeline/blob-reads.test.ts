import { describe, expect, it } from 'vitest';
import { readAheadEnd } from '../../src/pipeline/blob-reads.js';
import type { FileTask } from '../../src/pipeline/scan-file-task.js';

const MiB = 2 ** 20;
const blob = (size?: number): FileTask => ({ root: '/r', path: 'a.txt', source: 'git-history', oid: 'a'.repeat(40), gitDir: '/r/.git', ...(size === undefined ? {} : { size }) });

/** The reads a worker makes of `batch`: each one's task count. */
function reads(batch: FileTask[]): number[] {
  const counts: number[] = [];
  for (let at = 0; at < batch.length; ) {
    const end = readAheadEnd(batch, at);
    counts.push(end - at);
    at = end;
  }
  return counts;
}

describe('how many history blobs a worker reads at a time', () => {
  it('eight small blobs at a time, and the rest of the batch last', () => {
    expect(reads(Array.from({ length: 20 }, () => blob(2_000)))).toEqual([8, 8, 4]);
  });

  it('fewer when their sizes pass 4 MiB, never none', () => {
    // Versions of a 2.5 MB file: two at a time (5 MB), not eight (20 MB).
    expect(reads(Array.from({ length: 8 }, () => blob(2.5 * MiB)))).toEqual([2, 2, 2, 2]);
    // A blob larger than the budget alone is still read, on its own.
    expect(reads([blob(9 * MiB), blob(9 * MiB), blob(100)])).toEqual([1, 1, 1]);
    // Small blobs after a large one wait for the next read.
    expect(reads([blob(100), blob(100), blob(5 * MiB), blob(100), blob(100)])).toEqual([3, 2]);
  });

  it('tasks that carry no size count as nothing (eight at a time)', () => {
    expect(reads(Array.from({ length: 10 }, () => blob()))).toEqual([8, 2]);
  });
});
