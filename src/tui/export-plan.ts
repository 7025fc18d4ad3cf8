import { ok, type Outcome } from '../model/outcome.js';
import type { ScanResult } from '../model/result.js';
import type { Plan } from '../mount/plan.js';
import { renderForTarget } from '../mount/render-for-target.js';
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
 * choice) with the user's read-write choices, rendered as `airlock plan --target` would
 * (collapsed to whole folders and masks when it is too large to read and the target can mask).
 */
export function exportPlan(result: ScanResult, target: Target, rw: readonly string[]): Outcome<Export> {
  const planned = planFor(result, rw, target);
  if (!planned.ok) return planned;
  const spec = TARGET_SPECS[target];
  const rendered = renderForTarget(planned.value, target, { rw: spec.hasReadOnly ? rw : [], collapse: 'auto' });
  if (!rendered.ok) return rendered;
  const notes = [...rendered.value.rendering.notes];
  if (rendered.value.collapsedFrom !== undefined) notes.push(`collapsed from ${rendered.value.collapsedFrom} mounts: each folder mounted whole, ${rendered.value.plan.masks?.length ?? 0} flagged path(s) masked`);
  if (!spec.hasReadOnly && rw.length > 0) notes.push(`${target} has no read-only choice: every folder it is given is writable`);
  return ok({ target, plan: rendered.value.plan, rendering: { text: rendered.value.rendering.text, notes } });
}
