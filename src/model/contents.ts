/** What was read inside files (and what was not, by format): counted for the summary line. */
export interface ContentTally {
  archives: number;
  entries: number;
  databases: number;
  binaries: number;
  /** Images, fonts, audio and video recognised by their first bytes and not read. */
  media: number;
}

export const TALLY_KEYS = ['archives', 'entries', 'databases', 'binaries', 'media'] as const satisfies readonly (keyof ContentTally)[];

export const emptyTally = (): ContentTally => ({ archives: 0, entries: 0, databases: 0, binaries: 0, media: 0 });

export function addTally(into: ContentTally, more: Partial<ContentTally>): void {
  for (const key of TALLY_KEYS) into[key] += more[key] ?? 0;
}

export const isEmptyTally = (tally: Partial<ContentTally>) => TALLY_KEYS.every((key) => !tally[key]);
