import type { GitDirectory, HistoryListing } from './scan-history.js';

/** How much the history listings done and not yet taken may hold (see `listingWeight`). */
export const LISTED_AHEAD_BYTES = 16 * 2 ** 20;

/**
 * About what a listing holds: its work tree's `oid NUL path NUL` list and the set of those
 * ids (each about the list's size), and per blob ~56 bytes of numbers and a path (measured on
 * the bench's repositories: ~120 bytes a blob in all).
 */
export const listingWeight = (listing: HistoryListing) => 2 * listing.workTree.pairs.length + 120 * (listing.objects?.ok ? listing.objects.value.count : 0);

export interface QueuedListing {
  listing: Promise<HistoryListing>;
  /** Says the listing's blobs are being queued: it no longer counts against the limit. */
  taken: () => void;
}

/**
 * Histories are listed (git, in other processes) from the moment the walk sees their .git,
 * one repository at a time, and only so far ahead of the history being queued that the
 * listings waiting weigh under `limit`: a home folder holds hundreds, and each listing holds
 * megabytes until its blobs are queued (the disk bench's 17 repositories, all listed while the
 * walk went on, held 60 MB). A listing bigger than the limit is still made when none waits.
 */
export function createListingQueue(list: (directory: GitDirectory) => Promise<HistoryListing>, limit = LISTED_AHEAD_BYTES, weigh = listingWeight) {
  let last: Promise<unknown> = Promise.resolve();
  let waitingBytes = 0;
  const onTaken: (() => void)[] = [];
  const room = async () => {
    while (waitingBytes >= limit) await new Promise<void>((resolve) => onTaken.push(resolve));
  };
  return (directory: GitDirectory): QueuedListing => {
    let weight = 0;
    const listing = last
      .then(room)
      .then(() => list(directory))
      .then((listed) => {
        weight = weigh(listed);
        waitingBytes += weight;
        return listed;
      });
    last = listing.catch(() => undefined); // a failed listing must not stop the next
    const taken = () => {
      waitingBytes -= weight;
      weight = 0;
      for (const wake of onTaken.splice(0)) wake();
    };
    return { listing, taken };
  };
}
