import type { PlanOversize } from '../model/result.js';
import { collapsePlan, PLAN_READABLE_MOUNTS } from './collapse-plan.js';
import type { Plan } from './plan.js';
import { quoteShell } from './quote.js';
import { TARGET_SPECS, TARGETS } from './targets.js';

/** The targets that can mount a folder whole and mask what is left out. */
export const MASKING_TARGETS = TARGETS.filter((t) => TARGET_SPECS[t].canMask);

/** Where `airlock stage` is proposed to put a root's copy: beside it, never inside it. */
const stageDestination = (root: string) => (root === '/' ? '/tmp/airlock-staged' : `${root.replace(/\/+$/, '')}-staged`);

/** The exact command that makes a sanitized copy of `root` to mount instead. */
export const stageCommand = (root: string) => `airlock stage ${quoteShell(root)} --to ${quoteShell(stageDestination(root))}`;

/**
 * When a split plan has more mounts than a person can check: how many masks the collapsed plan
 * needs instead, and the `airlock stage` command for each root that is split. Undefined when the
 * plan is readable as it is.
 */
export function oversizeOf(plan: Plan): PlanOversize | undefined {
  if (plan.mounts.length <= PLAN_READABLE_MOUNTS) return undefined;
  const collapsed = collapsePlan(plan, []).plan;
  const split = plan.roots.filter((root) => plan.excluded.some((e) => e.root === root) && plan.mounts.some((m) => m.root === root));
  return {
    limit: PLAN_READABLE_MOUNTS,
    mounts: plan.mounts.length,
    collapsed: { mounts: collapsed.mounts.length, masks: collapsed.masks?.length ?? 0, targets: [...MASKING_TARGETS] },
    stage: split.map(stageCommand),
  };
}
