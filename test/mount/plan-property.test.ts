import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/model/result.js';
import { EXCLUSION_CAUSES } from '../../src/mount/causes.js';
import { collapsePlan } from '../../src/mount/collapse-plan.js';
import type { Plan } from '../../src/mount/plan.js';
import { planScan } from '../../src/pipeline/plan-scan.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../src/cli/scan-inputs.js';
import { scan } from '../../src/pipeline/scan.js';
import { listFiles, listFolders } from '../helpers/project-tree.js';
import { writeTestRules } from '../helpers/rules.js';

type Content = 'clean' | 'token' | 'shared' | 'review';
type Node = { kind: 'file'; content: Content } | { kind: 'link'; to: string } | { kind: 'dir'; children: Record<string, Node> };

/** Names that need care: spaces, quotes, commas, $, non-ASCII, dotfiles. */
const NAME = fc.constantFrom('a', 'b', 'src', 'lib', '.env', '.hidden', 'My Docs', "it's", 'x,y "z"', 'dollar$HOME', 'ünï');
const NODE = fc.letrec<{ node: Node; dir: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'medium' },
    fc.record({ kind: fc.constant('file' as const), content: fc.constantFrom<Content>('clean', 'clean', 'token', 'shared', 'review') }),
    fc.record({ kind: fc.constant('link' as const), to: fc.constantFrom('a', 'src', '../.env', '../src/a', '.') }),
    tie('dir'),
  ),
  dir: fc.record({ kind: fc.constant('dir' as const), children: fc.dictionary(NAME, tie('node'), { maxKeys: 5 }) }),
}));
const ROOT = fc.record({ kind: fc.constant('dir' as const), children: fc.dictionary(NAME, NODE.node, { minKeys: 3, maxKeys: 8 }) });

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Random-looking characters derived from the path: planted values are the same on every replay of a run. */
const derived = (seed: string, length: number) => [...createHash('sha512').update(seed).digest()].slice(0, length).map((b) => ALNUM[b % 62]).join('');

/** Planted with the test suite's own rules (fake-token blocks, fake-note needs review), not the evolving rule pack. */
const CONTENT: Record<Content, (path: string) => string> = {
  clean: (path) => `// ${path}\nexport const value = 1;\n`,
  token: (path) => `const token = "fake_tok_${derived(path, 32)}";\n`,
  // One value in several files: the scan reports it once, the others as its locations.
  shared: () => `const token = "fake_tok_${derived('shared', 32)}";\n`,
  review: (path) => `note = fake_note_${derived(`note:${path}`, 24)}\n`,
};


function materialize(root: string, node: Node, rel = ''): void {
  if (node.kind !== 'dir') return;
  mkdirSync(join(root, rel), { recursive: true });
  for (const [name, child] of Object.entries(node.children)) {
    const path = rel ? `${rel}/${name}` : name;
    if (child.kind === 'dir') materialize(root, child, path);
    else if (child.kind === 'link') symlinkSync(child.to, join(root, path));
    else writeFileSync(join(root, path), CONTENT[child.content](path));
  }
}

const isUnder = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

async function scanRoot(root: string, rules: string): Promise<ScanResult> {
  const result = await scan({ roots: [root], ruleDirs: [rules], excludes: [], maxFileSize: DEFAULT_MAX_FILE_SIZE, showSecrets: false, history: true, useCache: false, jobs: 1 });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.value;
}

/** What the sandbox would see: each planned mount copied to its place (links copied as links, as a bind mount shows them). */
function exposeMounts(plan: Plan, view: string): void {
  for (const mount of plan.mounts) {
    const to = join(view, mount.rel);
    mkdirSync(dirname(to), { recursive: true });
    if (mount.kind === 'file') copyFileSync(mount.path, to);
    else cpSync(mount.path, to, { recursive: true, verbatimSymlinks: true });
  }
}

describe('the mount plan over random trees with planted secrets (property)', () => {
  let work: string;
  let rules: string;
  let runs = 0;
  let flaggedSeen = 0;
  let collapsedSeen = 0;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'airlock-plan-property-'));
    rules = writeTestRules(work);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('is safe, complete, compact and read-only, and re-scanning exactly its mounts finds nothing counted', async () => {
    await fc.assert(
      fc.asyncProperty(ROOT, fc.boolean(), fc.boolean(), fc.nat(), async (tree, acceptReview, canMountFiles, pick) => {
        const dir = join(work, `run-${runs++}`);
        const root = join(dir, 'project');
        materialize(root, tree);
        const result = await scanRoot(root, rules);
        const counted = (severity: string) => severity === 'block' || (severity === 'review' && !acceptReview);
        const places = result.findings.flatMap((f) => [f, ...(f.locations ?? []).map((l) => ({ ...l, severity: f.severity }))]);
        const flagged = [...new Set(places.filter((f) => counted(f.severity)).map((f) => f.path))];
        // Half the runs ask for one random folder (or the root) read-write.
        const folders = ['', ...listFolders(root)];
        const rw = canMountFiles && pick % 2 === 1 ? folders[pick % folders.length]! : undefined;
        const planned = planScan(result, { acceptReview, rw: rw === undefined ? [] : [join(root, rw)], canMountFiles });
        const cleanUnderRw = rw === undefined ? [] : listFiles(root).filter((f) => !flagged.includes(f) && (rw === '' || isUnder(f, rw)));
        if (!planned.ok) {
          // The one refusal possible here: a folder holding nothing but flagged files.
          expect(planned.errors).toEqual([`--rw ${join(root, rw!)}: nothing in it is in the plan (everything there is left out)`]);
          expect(cleanUnderRw).toEqual([]);
          return;
        }
        const plan = planned.value;
        flaggedSeen += flagged.length;
        const mounts = plan.mounts.map((m) => m.rel);

        // Safe: no mount is or holds a flagged path; every flagged path is listed as excluded.
        for (const path of flagged) {
          expect(mounts.filter((m) => m === '' || isUnder(path, m)), path).toEqual([]);
          expect(plan.excluded.some((e) => e.rel === path && EXCLUSION_CAUSES[e.cause].isFlagged), path).toBe(true);
        }
        // Mounts do not overlap, and a single-file mount is a regular file (a bind mount would follow a link).
        for (const a of mounts) for (const b of mounts) if (a !== b) expect(a !== '' && isUnder(b, a), `${a} / ${b}`).toBe(false);
        for (const m of plan.mounts) expect(m.kind === 'file' ? lstatSync(m.path).isFile() : lstatSync(m.path).isDirectory()).toBe(true);
        if (!canMountFiles) expect(plan.mounts.every((m) => m.kind === 'dir')).toBe(true);
        // Complete: every clean file is under a mount, or left out by name because the target shares folders only.
        for (const file of listFiles(root).filter((f) => !flagged.includes(f))) {
          const isMounted = mounts.some((m) => m === '' || isUnder(file, m));
          const isLeftOut = plan.excluded.some((e) => e.rel === file && e.cause === 'single-file');
          expect(isMounted || isLeftOut, file).toBe(true);
          if (isLeftOut) expect(canMountFiles).toBe(false);
        }
        // Compact: only folders on the way to a flagged path (or to the --rw folder) are split.
        for (const m of mounts.filter((m) => m !== '')) {
          const parent = m.includes('/') ? m.slice(0, m.lastIndexOf('/')) : '';
          const isOnTheWay = (path: string) => parent === '' || isUnder(path, parent);
          expect(flagged.some(isOnTheWay) || (rw !== undefined && rw !== parent && isOnTheWay(rw)), m).toBe(true);
        }
        if (flagged.length === 0 && (rw === undefined || rw === '')) expect(mounts).toEqual(['']);
        // Least privilege: read-write exactly at and under the --rw folder.
        for (const m of plan.mounts) expect(m.mode, m.rel).toBe(rw !== undefined && (rw === '' || isUnder(m.rel, rw)) ? 'rw' : 'ro');
        for (const file of cleanUnderRw) expect(plan.mounts.some((m) => m.mode === 'rw' && (m.rel === '' || isUnder(file, m.rel))), file).toBe(true);

        // Re-scan exactly what the plan exposes.
        const view = join(dir, 'view');
        mkdirSync(view);
        exposeMounts(plan, view);
        const rescan = await scanRoot(view, rules);
        expect(rescan.findings.filter((f) => counted(f.severity)).map((f) => `${f.severity} ${f.path}`)).toEqual([]);

        // Collapsed (the root whole, the flagged paths masked): every flagged path is hidden, no clean file is, and
        // re-scanning the root as the sandbox would see it (each mask an empty folder or file) finds nothing counted.
        const { plan: collapsed } = collapsePlan(plan, rw === undefined ? [] : [join(root, rw)]);
        const masks = (collapsed.masks ?? []).map((m) => m.rel);
        if (masks.length > 0) {
          collapsedSeen++;
          for (const path of flagged) expect(masks.some((m) => isUnder(path, m)), path).toBe(true);
          for (const file of listFiles(root).filter((f) => !flagged.includes(f))) expect(masks.some((m) => isUnder(file, m)), file).toBe(false);
          const masked = join(dir, 'masked');
          cpSync(root, masked, { recursive: true, verbatimSymlinks: true });
          for (const mask of collapsed.masks!) {
            rmSync(join(masked, mask.rel), { recursive: true, force: true });
            if (mask.kind === 'dir') mkdirSync(join(masked, mask.rel));
            else writeFileSync(join(masked, mask.rel), '');
          }
          const rescanMasked = await scanRoot(masked, rules);
          expect(rescanMasked.findings.filter((f) => counted(f.severity)).map((f) => `${f.severity} ${f.path}`)).toEqual([]);
        }
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 50 },
    );
    // The property is not vacuous: the generated trees did plant secrets the scan found.
    expect(flaggedSeen).toBeGreaterThan(25);
    expect(collapsedSeen).toBeGreaterThan(5);
  }, 120_000);
});
