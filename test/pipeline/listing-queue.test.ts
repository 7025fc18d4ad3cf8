import { describe, expect, it } from 'vitest';
import { createListingQueue, listingWeight } from '../../src/pipeline/listing-queue.js';
import type { GitDirectory, HistoryListing } from '../../src/pipeline/scan-history.js';

/** Lets every promise that can settle, settle (git's listings here answer at once). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

const directory = (name: string): GitDirectory => ({ root: '/r', gitDir: `/r/${name}/.git` });

/** A queue over made-up listings whose weight is given per repository; records which were started. */
function queueOf(weights: Record<string, number>, limit: number) {
  const started: string[] = [];
  const list = async (d: GitDirectory) => {
    const name = d.gitDir.split('/')[2]!;
    started.push(name);
    if (weights[name] === undefined) throw new Error(`no listing for ${name}`);
    return { name } as unknown as HistoryListing;
  };
  const weigh = (listing: HistoryListing) => weights[(listing as unknown as { name: string }).name]!;
  return { started, listInTurn: createListingQueue(list, limit, weigh) };
}

describe('history listings, a bounded way ahead', () => {
  it('lists one after another while those waiting weigh under the limit, and the next once one is taken', async () => {
    const { started, listInTurn } = queueOf({ a: 60, b: 60, c: 10, d: 10 }, 100);
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => listInTurn(directory(name)));
    await settle();
    // a (60) waits, b is listed (60 < 100); then 120 wait: c is not started.
    expect(started).toEqual(['a', 'b']);
    await a!.listing;
    a!.taken();
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd']); // 60 + 10 + 10 under 100
    await Promise.all([b!.listing, c!.listing, d!.listing]);
  });

  it('lists one larger than the limit when none waits, and the next only after it is taken', async () => {
    const { started, listInTurn } = queueOf({ big: 500, small: 1 }, 100);
    const big = listInTurn(directory('big'));
    listInTurn(directory('small'));
    await settle();
    expect(started).toEqual(['big']);
    await big.listing;
    big.taken();
    await settle();
    expect(started).toEqual(['big', 'small']);
  });

  it('goes on past a listing that failed', async () => {
    const { started, listInTurn } = queueOf({ after: 1 }, 100);
    const failed = listInTurn(directory('broken'));
    const next = listInTurn(directory('after'));
    await expect(failed.listing).rejects.toThrow('no listing for broken');
    await next.listing;
    expect(started).toEqual(['broken', 'after']);
  });

  it('weighs a listing by its work-tree list and its blobs', () => {
    const listing = { workTree: { pairs: 'x'.repeat(1000), oids: new Set() }, objects: { ok: true, value: { count: 10 } } } as unknown as HistoryListing;
    expect(listingWeight(listing)).toBe(2 * 1000 + 120 * 10);
  });
});
