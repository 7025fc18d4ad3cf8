import { ok, type Outcome } from '../model/outcome.js';
import { collapsePlan, didCollapse, wantsCollapse, type CollapseMode } from './collapse-plan.js';
import { rootDestinations } from './destinations.js';
import type { Plan } from './plan.js';
import { renderPlan } from './renderers.js';
import type { Rendering } from './rendering.js';
import { TARGET_SPECS, type Target } from './targets.js';

export interface TargetPlan {
  /** The plan as rendered: the split plan, or its collapse. */
  plan: Plan;
  rendering: Rendering;
  /** The split plan's number of mounts, when the rendered plan is its collapse. */
  collapsedFrom?: number;
  /** Roots a collapse had to leave split, and why. */
  keptSplit: { root: string; reason: string }[];
}

export interface TargetOptions {
  /** Absolute --rw paths. */
  rw: readonly string[];
  collapse: CollapseMode;
  /** Where the roots appear in the sandbox (`--dest`), or undefined for the target's default. */
  dest?: string;
}

/**
 * A split plan made ready for one target: collapsed to whole roots and masks when the mode asks
 * for it (`auto`: past the readable size) and the target can mask, then rendered. In `auto`, a
 * collapse the target cannot render (claude: a --rw folder inside a read-only root) falls back
 * to the split plan.
 */
export function renderForTarget(split: Plan, target: Target, options: TargetOptions): Outcome<TargetPlan> {
  const spec = TARGET_SPECS[target];
  const base = (options.dest ?? spec.defaultDest ?? '/').replace(/\/+$/, '');
  const destinations = rootDestinations(split.roots, base);
  if (spec.canMask && wantsCollapse(options.collapse, split)) {
    const { plan, keptSplit } = collapsePlan(split, options.rw);
    if (didCollapse(split, plan)) {
      const rendered = renderPlan(target, { plan, destinations });
      if (rendered.ok) return ok({ plan, rendering: rendered.value, collapsedFrom: split.mounts.length, keptSplit });
      if (options.collapse === 'always') return rendered;
    }
  }
  const rendered = renderPlan(target, { plan: split, destinations });
  return rendered.ok ? ok({ plan: split, rendering: rendered.value, keptSplit: [] }) : rendered;
}
