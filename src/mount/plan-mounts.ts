import { fail, ok, type Outcome } from '../model/outcome.js';
import type { MountMode } from '../model/result.js';
import { EXCLUSION_CAUSES, type ExclusionCause } from './causes.js';
import type { FlagsByRoot } from './flag-paths.js';
import type { EntryKind, FolderListings, Plan } from './plan.js';

export interface PlanInput {
  roots: string[];
  flags: FlagsByRoot;
  /** Children of every folder on the way to a flagged or --rw path (see `foldersToList`). */
  listings: FolderListings;
  /** Absolute paths the user asked to be writable (`--rw`). */
  rw: readonly string[];
  /** Whether the target can mount a single file (Cowork cannot). */
  canMountFiles: boolean;
}

const join = (rel: string, name: string) => (rel ? `${rel}/${name}` : name);
const absolute = (root: string, rel: string) => (rel ? `${root === '/' ? '' : root}/${rel}` : root);

/** Every proper ancestor of a root-relative path, '' (the root) first. */
export function ancestorsOf(rel: string): string[] {
  if (rel === '') return [];
  const parts = rel.split('/');
  return parts.map((_, i) => parts.slice(0, i).join('/'));
}

/** The root a path lies in (the deepest one), and its root-relative path. */
export function locate(roots: readonly string[], path: string): { root: string; rel: string } | undefined {
  const matches = roots
    .filter((root) => path === root || path.startsWith(root === '/' ? '/' : `${root}/`))
    .sort((a, b) => b.length - a.length);
  const root = matches[0];
  if (root === undefined) return undefined;
  return { root, rel: path === root ? '' : path.slice(root === '/' ? 1 : root.length + 1) };
}

/** The folders whose children the planner needs: every ancestor of a flagged or --rw path. */
export function foldersToList(roots: readonly string[], flags: FlagsByRoot, rw: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const root of roots) {
    const rels = [...(flags.get(root)?.keys() ?? [])];
    for (const path of rw) {
      const at = locate(roots, path);
      if (at?.root === root) rels.push(at.rel);
    }
    for (const rel of rels) for (const folder of ancestorsOf(rel)) folders.add(absolute(root, folder));
  }
  return [...folders].sort();
}

function planRoot(root: string, input: PlanInput, plan: Plan): void {
  const flags = input.flags.get(root) ?? new Map();
  const rw = new Set(input.rw.map((p) => locate(input.roots, p)).filter((at) => at?.root === root).map((at) => at!.rel));
  const splitForFlag = new Set([...flags.keys()].flatMap(ancestorsOf));
  const splitForRw = new Set([...rw].flatMap(ancestorsOf));
  const mount = (rel: string, kind: 'dir' | 'file', mode: MountMode): void => {
    plan.mounts.push({ root, rel, path: absolute(root, rel), kind, mode: rw.has(rel) ? 'rw' : mode });
  };
  const exclude = (rel: string, kind: EntryKind, cause: ExclusionCause, reason: string = EXCLUSION_CAUSES[cause].label): void => {
    plan.excluded.push({ root, rel, path: absolute(root, rel), kind, cause, reason });
  };

  const visit = (rel: string, inherited: MountMode): void => {
    const flag = flags.get(rel);
    if (flag) return exclude(rel, 'dir', flag.cause, flag.reason);
    const mode: MountMode = rw.has(rel) ? 'rw' : inherited;
    if (!splitForFlag.has(rel) && !(mode === 'ro' && splitForRw.has(rel))) return mount(rel, 'dir', mode);
    const entries = input.listings.get(absolute(root, rel));
    if (entries === undefined) return exclude(rel, 'dir', 'unlistable');
    for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = join(rel, entry.name);
      const childFlag = flags.get(child);
      if (childFlag) exclude(child, entry.kind, childFlag.cause, childFlag.reason);
      else if (entry.kind === 'dir') visit(child, mode);
      else if (entry.kind === 'file') input.canMountFiles ? mount(child, 'file', mode) : exclude(child, 'file', 'single-file');
      else if (entry.kind === 'link') exclude(child, 'link', 'link');
      else exclude(child, 'special', 'special');
    }
  };
  visit('', 'ro');
}

/** Why a --rw path cannot be honoured, or undefined when the plan covers it. */
function checkRw(path: string, plan: Plan): string | undefined {
  const inside = (inner: string, outer: string) => inner === outer || inner.startsWith(outer === '/' ? '/' : `${outer}/`);
  if (plan.mounts.some((m) => inside(path, m.path) || inside(m.path, path))) return undefined;
  if (!locate(plan.roots, path)) return `--rw ${path}: not inside any folder being planned`;
  const excluded = plan.excluded.find((e) => inside(path, e.path));
  if (excluded?.path === path && excluded.cause === 'link') return `--rw ${path}: a symbolic link; name the folder it points to`;
  if (excluded) return `--rw ${path}: left out of the plan (${excluded.path}: ${excluded.reason})`;
  if (plan.excluded.some((e) => inside(e.path, path))) return `--rw ${path}: nothing in it is in the plan (everything there is left out)`;
  return `--rw ${path}: no such file or folder in the scanned tree`;
}

/**
 * The least-privilege mount plan, a pure function of the roots, the flagged paths and the
 * listings of the folders that hold them:
 * - safe: no mount is, or contains, a flagged path;
 * - complete: every other entry is under a mount, or listed as left out with the reason;
 * - compact: a folder with nothing flagged (and no --rw path) inside is one mount;
 * - least privilege: read-only, except at and under the --rw paths.
 */
export function planMounts(input: PlanInput): Outcome<Plan> {
  const roots = [...new Set(input.roots)];
  const nested = roots.flatMap((inner) =>
    roots.filter((outer) => outer !== inner && locate([outer], inner)).map((outer) => `${inner} is inside ${outer}: plan one or the other`),
  );
  if (nested.length > 0) return fail(...nested);
  const plan: Plan = { roots, mounts: [], excluded: [] };
  for (const root of roots) planRoot(root, input, plan);
  const errors = input.rw.map((path) => checkRw(path, plan)).filter((e): e is string => e !== undefined);
  return errors.length > 0 ? fail(...errors) : ok(plan);
}
