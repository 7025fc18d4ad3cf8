/**
 * Why a path is kept out of a mount plan. A closed set: each cause says whether the path was
 * flagged by the scan (it must never be mounted) or is clean but left out because the target
 * cannot express it, and how to name it to a person.
 */
export const EXCLUSION_CAUSES = {
  block: { isFlagged: true, label: 'blocking finding' },
  history: { isFlagged: true, label: 'git history holds a finding' },
  review: { isFlagged: true, label: 'finding to review (keep it with --accept review)' },
  unscanned: { isFlagged: true, label: 'not scanned, so not known to be clean' },
  special: { isFlagged: true, label: 'FIFO, socket or device: never shared' },
  chosen: { isFlagged: true, label: 'left out by your choice' },
  unlistable: { isFlagged: false, label: 'folder holds a flagged file but could not be listed to split it' },
  'single-file': { isFlagged: false, label: 'clean file beside a flagged one; this target shares folders only' },
  link: { isFlagged: false, label: 'symbolic link beside a flagged file; a bind mount would follow it' },
} as const satisfies Record<string, { isFlagged: boolean; label: string }>;

export type ExclusionCause = keyof typeof EXCLUSION_CAUSES;

/** When one path is flagged for several reasons, the first of these is reported. */
export const CAUSE_PRIORITY: readonly ExclusionCause[] = ['block', 'history', 'review', 'unscanned', 'special', 'chosen'];

/** A path the plan must keep out, and why. */
export interface Flag {
  cause: ExclusionCause;
  reason: string;
}
