import { useEffect, type Dispatch } from 'react';
import type { UserDecisions } from '../model/decisions.js';
import type { Outcome } from '../model/outcome.js';
import type { TuiAction, TuiState } from './state.js';

/** Saves what the user changed: `save` applies the changes since the last save to the files on disk. */
export type SaveDecisions = (before: UserDecisions, after: UserDecisions) => Outcome<void>;

/** After each decision, saves it (the pipeline writes atomically, outside every scanned folder). */
export function useSaveDecisions(state: TuiState, dispatch: Dispatch<TuiAction>, save: SaveDecisions): void {
  const { decisions, saved } = state.triage;
  useEffect(() => {
    if (!decisions || !saved || decisions === saved) return;
    const outcome = save(saved, decisions);
    dispatch(outcome.ok ? { type: 'saved', decisions } : { type: 'saved', decisions: saved, error: `not saved: ${outcome.errors.join('; ')}` });
  }, [decisions]);
}
