import { EXCLUSION_CAUSES } from './causes.js';
import { ancestorsOf, locate } from './plan-mounts.js';
import type { Plan, PlannedExclusion, PlannedMask, PlannedMount } from './plan.js';

/** Past this many mounts a person can no longer check a plan line by line. */
export const PLAN_READABLE_MOUNTS = 50;

export const COLLAPSE_MODES = ['auto', 'always', 'never'] as const;
export type CollapseMode = (typeof COLLAPSE_MODES)[number];

/** A left-out entry that must stay hidden when its root is mounted whole. */
const mustHide = (e: PlannedExclusion) => EXCLUSION_CAUSES[e.cause].isFlagged || e.cause === 'unlistable';

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

export interface Collapsed {
  plan: Plan;
  /** Roots kept split, and why. */
  keptSplit: { root: string; reason: string }[];
}

/**
 * The same plan with each split root mounted whole and its flagged paths masked: a handful of
 * masks instead of hundreds of clean siblings. Pure. What was left out only because the target
 * could not express it (a link beside a flagged file) is now inside the root's mount, as it is
 * on disk; everything flagged, and every folder that could not be listed, is masked. A root
 * with a flagged symbolic link stays split: a mount over a link would land on its target.
 * `rw` are absolute --rw paths (already checked against the split plan).
 */
export function collapsePlan(plan: Plan, rw: readonly string[]): Collapsed {
  const collapsed: Plan = { roots: plan.roots, mounts: [], excluded: [], masks: [] };
  const keptSplit: Collapsed['keptSplit'] = [];
  for (const root of plan.roots) {
    const mounts = plan.mounts.filter((m) => m.root === root);
    const excluded = plan.excluded.filter((e) => e.root === root);
    const hidden = excluded.filter(mustHide);
    const link = hidden.find((e) => e.kind === 'link');
    if (mounts.length === 0 || excluded.length === 0 || link) {
      if (link && mounts.length > 0) keptSplit.push({ root, reason: `${link.path} is a flagged symbolic link, which a mask cannot cover` });
      collapsed.mounts.push(...mounts);
      collapsed.excluded.push(...excluded);
      continue;
    }
    const rels = new Set(rw.map((path) => locate(plan.roots, path)).filter((at) => at?.root === root).map((at) => at!.rel));
    const inner = [...rels].filter((rel) => rel !== '' && !rels.has('') && !ancestorsOf(rel).some((a) => a !== '' && rels.has(a)));
    const kindOf = (rel: string) => mounts.find((m) => m.rel === rel)?.kind ?? 'dir';
    const mount = (rel: string): PlannedMount => ({ root, rel, path: rel ? `${root === '/' ? '' : root}/${rel}` : root, kind: kindOf(rel), mode: rels.has(rel) ? 'rw' : 'ro' });
    collapsed.mounts.push(mount(''), ...inner.map(mount).sort(byPath));
    const masked = mergeIntoFolders(hidden, [...mounts, ...excluded.filter((e) => !mustHide(e))]);
    collapsed.excluded.push(...masked);
    collapsed.masks!.push(...masked.map(({ rel, path, kind }): PlannedMask => ({ root, rel, path, kind: kind === 'dir' ? 'dir' : 'file' })));
  }
  return { plan: collapsed, keptSplit };
}

const isUnder = (rel: string, folder: string) => rel.startsWith(`${folder}/`);

/**
 * The hidden entries of one root, with every folder that holds nothing but hidden entries left
 * out as one: a `test/fixtures` folder of 100 flagged files is one mask, not 100. The split
 * planner lists every entry of a folder it splits as a mount or a left-out entry, so a folder
 * with none of the `visible` ones (mounts, links, clean files) inside holds nothing clean. The
 * root itself is never merged (it has mounts, or it would not be collapsed).
 */
function mergeIntoFolders(hidden: PlannedExclusion[], visible: { rel: string }[]): PlannedExclusion[] {
  const hasMount = new Set(visible.flatMap((m) => ancestorsOf(m.rel)));
  const merged = new Map<string, PlannedExclusion[]>();
  for (const e of hidden) {
    const folder = ancestorsOf(e.rel).find((a) => a !== '' && !hasMount.has(a));
    const key = folder ?? e.rel;
    merged.set(key, [...(merged.get(key) ?? []), e]);
  }
  return [...merged].map(([rel, inside]) => {
    if (inside.length === 1 && inside[0]!.rel === rel) return inside[0]!;
    const first = inside[0]!;
    const flagged = inside.filter((e) => isUnder(e.rel, rel));
    return {
      ...first, rel, path: `${first.root === '/' ? '' : first.root}/${rel}`, kind: 'dir' as const,
      reason: `holds only flagged entries (${flagged.length}), e.g. ${flagged[0]!.rel.slice(rel.length + 1)}: ${flagged[0]!.reason}`,
    };
  }).sort(byPath);
}

/** Whether `mode` asks for a collapse of this plan: `auto` when it has more mounts than a person can check. */
export const wantsCollapse = (mode: CollapseMode, plan: Plan) =>
  mode === 'always' || (mode === 'auto' && plan.mounts.length > PLAN_READABLE_MOUNTS);

/** What collapsing changed: fewer entries than the split plan, or nothing to gain. */
export const didCollapse = (split: Plan, collapsed: Plan) => (collapsed.masks?.length ?? 0) > 0 || collapsed.mounts.length < split.mounts.length;
