/** How far a container is opened: every bound is a skip (`archive-limit`), never a hang. */
export interface ContainerLimits {
  /** Archives inside archives are opened this many levels deep (the file itself is level 0). */
  maxDepth: number;
  /** Entries read from one file, however nested. */
  maxEntries: number;
  /** Bytes expanded from one file, however nested: what bounds the time a zip bomb costs. */
  maxExpandedBytes: number;
  /** The largest entry read (the scan's --max-file-size): one entry is held at a time. */
  maxEntryBytes: number;
  /** An entry larger than MIN_RATIO_BYTES that claims more than this many bytes per compressed byte is a bomb. */
  maxRatio: number;
  /** Rows read from one database, over all its tables. */
  maxRows: number;
}

/** Below this size an entry's compression ratio is not suspect (a file of zeros compresses 1000:1). */
export const MIN_RATIO_BYTES = 1024 * 1024;

export function containerLimits(maxFileSize: number): ContainerLimits {
  return {
    maxDepth: 2,
    maxEntries: 20_000,
    maxExpandedBytes: Math.max(256 * 1024 * 1024, 4 * maxFileSize),
    maxEntryBytes: maxFileSize,
    maxRatio: 200,
    maxRows: 200_000,
  };
}

/** What one file may still expand: shared by every archive nested in it. */
export interface Budget {
  entries: number;
  bytes: number;
}

export const budgetOf = (limits: ContainerLimits): Budget => ({ entries: limits.maxEntries, bytes: limits.maxExpandedBytes });
