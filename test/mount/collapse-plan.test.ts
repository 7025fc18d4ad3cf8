import { describe, expect, it } from 'vitest';
import { collapsePlan, didCollapse, PLAN_READABLE_MOUNTS, wantsCollapse } from '../../src/mount/collapse-plan.js';
import { oversizeOf, stageCommand } from '../../src/mount/oversize.js';
import type { EntryKind, Plan, PlannedExclusion, PlannedMount } from '../../src/mount/plan.js';
import { renderForTarget } from '../../src/mount/render-for-target.js';
import { renderPlan } from '../../src/mount/renderers.js';
import { rootDestinations } from '../../src/mount/destinations.js';
import type { ExclusionCause } from '../../src/mount/causes.js';
import { TARGET_SPECS, TARGETS } from '../../src/mount/targets.js';

const ROOT = '/home/me';
const mount = (rel: string, kind: 'dir' | 'file' = 'dir', mode: 'ro' | 'rw' = 'ro'): PlannedMount => ({ root: ROOT, rel, path: rel ? `${ROOT}/${rel}` : ROOT, kind, mode });
const left = (rel: string, kind: EntryKind, cause: ExclusionCause = 'block'): PlannedExclusion => ({ root: ROOT, rel, path: `${ROOT}/${rel}`, kind, cause, reason: `${cause}: test` });

/** A split plan as the planner makes it: .env flagged at the top; pkg/test holds only flagged files; pkg/lib one flagged file beside a clean one. */
const SPLIT: Plan = {
  roots: [ROOT],
  mounts: [mount('notes'), mount('pkg/index.js', 'file'), mount('pkg/lib/util.js', 'file'), mount('src')],
  excluded: [left('.env', 'file'), left('pkg/lib/config.js', 'file'), left('pkg/lib/link', 'link', 'link'), left('pkg/test/a.txt', 'file'), left('pkg/test/deep/b.txt', 'file'), left('pkg/test/fifo', 'special', 'special')],
};

describe('collapsePlan', () => {
  it('mounts the root whole and masks each flagged path; a folder holding only flagged entries is one mask', () => {
    const { plan, keptSplit } = collapsePlan(SPLIT, []);
    expect(keptSplit).toEqual([]);
    expect(plan.mounts).toEqual([mount('')]);
    expect(plan.masks).toEqual([
      { root: ROOT, rel: '.env', path: `${ROOT}/.env`, kind: 'file' },
      { root: ROOT, rel: 'pkg/lib/config.js', path: `${ROOT}/pkg/lib/config.js`, kind: 'file' },
      { root: ROOT, rel: 'pkg/test', path: `${ROOT}/pkg/test`, kind: 'dir' },
    ]);
    // The link beside a flagged file was left out only because a bind mount of it would follow it: inside the root's mount it is a link.
    expect(plan.excluded.map((e) => e.rel)).toEqual(['.env', 'pkg/lib/config.js', 'pkg/test']);
    expect(plan.excluded[2]!.reason).toBe('holds only flagged entries (3), e.g. a.txt: block: test');
  });

  it('masks a lone FIFO as a file, and mounts a --rw folder again, read-write, inside the read-only root', () => {
    const split: Plan = { roots: [ROOT], mounts: [mount('a', 'file'), mount('src', 'dir', 'rw')], excluded: [left('pipe', 'special', 'special')] };
    const { plan } = collapsePlan(split, [`${ROOT}/src`]);
    expect(plan.mounts).toEqual([mount(''), mount('src', 'dir', 'rw')]);
    expect(plan.masks).toEqual([{ root: ROOT, rel: 'pipe', path: `${ROOT}/pipe`, kind: 'file' }]);
    expect(collapsePlan(split, [ROOT]).plan.mounts).toEqual([mount('', 'dir', 'rw')]);
  });

  it('keeps a root split when a flagged entry is a symbolic link (a mount over a link lands on its target)', () => {
    const split: Plan = { roots: [ROOT], mounts: [mount('src')], excluded: [left('escape', 'link', 'review')] };
    const { plan, keptSplit } = collapsePlan(split, []);
    expect(plan.mounts).toEqual(split.mounts);
    expect(plan.masks).toEqual([]);
    expect(keptSplit).toEqual([{ root: ROOT, reason: `${ROOT}/escape is a flagged symbolic link, which a mask cannot cover` }]);
    expect(didCollapse(split, plan)).toBe(false);
  });

  it('leaves a clean root, and a root with nothing to mount, as they are', () => {
    const clean: Plan = { roots: ['/a', '/b'], mounts: [{ root: '/a', rel: '', path: '/a', kind: 'dir', mode: 'ro' }], excluded: [{ root: '/b', rel: '', path: '/b', kind: 'dir', cause: 'block', reason: 'x' }] };
    expect(collapsePlan(clean, []).plan).toEqual({ ...clean, masks: [] });
  });

  it('auto collapses only past the readable size', () => {
    const many = (n: number): Plan => ({ roots: [ROOT], mounts: Array.from({ length: n }, (_, i) => mount(`m${i}`)), excluded: [left('.env', 'file')] });
    expect(wantsCollapse('auto', many(PLAN_READABLE_MOUNTS))).toBe(false);
    expect(wantsCollapse('auto', many(PLAN_READABLE_MOUNTS + 1))).toBe(true);
    expect(wantsCollapse('never', many(500))).toBe(false);
    expect(wantsCollapse('always', many(1))).toBe(true);
    expect(oversizeOf(many(PLAN_READABLE_MOUNTS))).toBeUndefined();
    expect(oversizeOf(many(PLAN_READABLE_MOUNTS + 1))).toEqual({
      limit: 50, mounts: 51, collapsed: { mounts: 1, masks: 1, targets: ['docker', 'compose', 'devcontainer', 'bwrap', 'bwrap-args', 'claude'] }, stage: [`airlock stage ${ROOT} --to ${ROOT}-staged`],
    });
  });

  it('proposes `airlock stage` with a destination beside the folder, shell-quoted', () => {
    expect(stageCommand("/home/me/my app's")).toBe(`airlock stage '/home/me/my app'\\''s' --to '/home/me/my app'\\''s-staged'`);
    expect(stageCommand('/')).toBe('airlock stage / --to /tmp/airlock-staged');
  });
});

describe('a collapsed plan goes only to a target that can mask', () => {
  const collapsed = collapsePlan(SPLIT, []).plan;
  const input = { plan: collapsed, destinations: rootDestinations([ROOT], '/workspace') };

  it.each(TARGETS.filter((t) => !TARGET_SPECS[t].canMask))('%s refuses it (it would mount what the masks hide)', (target) => {
    const result = renderPlan(target, input);
    expect(result.ok ? '' : result.errors[0]).toBe(`${target} cannot hide a path inside a mount: its plan must stay split (--collapse never)`);
  });

  it.each(TARGETS.filter((t) => TARGET_SPECS[t].canMask))('%s names every masked path in its output', (target) => {
    const result = renderPlan(target, input);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    for (const rel of ['.env', 'pkg/lib/config.js', 'pkg/test']) expect(result.value.text, rel).toContain(rel);
  });

  it('claude: one Edit deny for the root; a --rw folder inside a read-only root falls back to the split plan in auto, and is an error in always', () => {
    const plan = renderForTarget(SPLIT, 'claude', { rw: [], collapse: 'always' });
    if (!plan.ok) throw new Error(plan.errors.join('\n'));
    const { permissions } = JSON.parse(plan.value.rendering.text) as { permissions: { deny: string[] } };
    expect(permissions.deny.filter((r) => r.startsWith('Edit(') && !r.includes('.env') && !r.includes('pkg/'))).toEqual([`Edit(/${ROOT})`, `Edit(/${ROOT}/**)`]);

    const withRw: Plan = { ...SPLIT, mounts: SPLIT.mounts.map((m) => (m.rel === 'src' ? { ...m, mode: 'rw' as const } : m)) };
    const auto = renderForTarget(withRw, 'claude', { rw: [`${ROOT}/src`], collapse: 'always' });
    expect(auto.ok ? '' : auto.errors[0]).toBe(`claude cannot make ${ROOT}/src editable inside a read-only folder: use --collapse never`);
    const many: Plan = { ...withRw, mounts: [...withRw.mounts, ...Array.from({ length: 60 }, (_, i) => mount(`x${i}`))] };
    const fallback = renderForTarget(many, 'claude', { rw: [`${ROOT}/src`], collapse: 'auto' });
    expect(fallback.ok && fallback.value.collapsedFrom).toBe(undefined);
    expect(fallback.ok && fallback.value.plan).toBe(many);
  });
});
