import { ok, type Outcome } from '../model/outcome.js';
import type { ScanResult } from '../model/result.js';
import { rootDestinations } from '../mount/destinations.js';
import type { Plan } from '../mount/plan.js';
import { RENDERERS } from '../mount/renderers.js';
import type { Rendering } from '../mount/rendering.js';
import { TARGET_SPECS, type Target } from '../mount/targets.js';
import { planScan } from '../pipeline/plan-scan.js';

export interface Export {
  target: Target;
  plan: Plan;
  rendering: Rendering;
}

/** The plan the TUI shows and adjusts: the pipeline's planner, for a target's capabilities. */
export function planFor(result: ScanResult, rw: readonly string[], target?: Target): Outcome<Plan> {
  const spec = target ? TARGET_SPECS[target] : undefined;
  return planScan(result, { acceptReview: false, rw: spec && !spec.hasReadOnly ? [] : rw, canMountFiles: spec?.canMountFiles ?? true });
}

/**
 * The plan made again for the target (Cowork shares folders only and has no read-only
 * choice) with the user's read-write choices, rendered as `airlock plan --target` would.
 */
export function exportPlan(result: ScanResult, target: Target, rw: readonly string[]): Outcome<Export> {
  const planned = planFor(result, rw, target);
  if (!planned.ok) return planned;
  const spec = TARGET_SPECS[target];
  const base = (spec.defaultDest ?? '/').replace(/\/+$/, '');
  const rendered = RENDERERS[target]({ plan: planned.value, destinations: rootDestinations(planned.value.roots, base) });
  if (!rendered.ok) return rendered;
  const notes = [...rendered.value.notes];
  if (!spec.hasReadOnly && rw.length > 0) notes.push(`${target} has no read-only choice: every folder it is given is writable`);
  return ok({ target, plan: planned.value, rendering: { text: rendered.value.text, notes } });
}
