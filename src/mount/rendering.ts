import type { Outcome } from '../model/outcome.js';
import { destinationOf } from './destinations.js';
import type { Plan, PlannedMask, PlannedMount } from './plan.js';
import { hasLineBreak } from './quote.js';

/** What a target prints: `text` is ready to paste (stdout); `notes` are for the person (stderr). */
export interface Rendering {
  text: string;
  notes: string[];
}

export interface RenderInput {
  plan: Plan;
  /** Where each root appears inside the sandbox. */
  destinations: ReadonlyMap<string, string>;
}

export type Renderer = (input: RenderInput) => Outcome<Rendering>;

/** A mount with its destination inside the sandbox. */
export const withDestination = (input: RenderInput) => (mount: PlannedMount) => ({ ...mount, destination: destinationOf(mount, input.destinations) });

/** The masks of a collapsed plan (none for a split one), each with its path inside the sandbox. */
export const masksOf = (input: RenderInput): (PlannedMask & { destination: string })[] =>
  (input.plan.masks ?? []).map((mask) => ({ ...mask, destination: destinationOf(mask, input.destinations) }));

/** The host file whose bind hides a masked file: an empty character device, readable as nothing. */
export const EMPTY_FILE = '/dev/null';

/** Paths with a line break, which `--mount`-style specs cannot carry. */
export function lineBreakErrors(input: RenderInput, target: string): string[] {
  return [...input.plan.mounts.map(withDestination(input)), ...masksOf(input)]
    .filter((m) => hasLineBreak(m.path) || hasLineBreak(m.destination))
    .map((m) => `${JSON.stringify(m.path)}: a path with a line break cannot be written for ${target}; rename it or use \`airlock stage\``);
}
