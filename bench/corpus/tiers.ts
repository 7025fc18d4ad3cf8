import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { listFiles } from '../lib/list-files.ts';
import { linkTree } from './link-tree.ts';
import { createRandom } from './random.ts';

/** A smaller tree for the flat-throughput figures: the dotfiles, some repositories, a share of node_modules. */
export interface TierSpec {
  name: string;
  files: number;
  repos: readonly string[];
}

export const TIER_SPECS: readonly TierSpec[] = [
  { name: '10k', files: 10_000, repos: ['handbook'] },
  { name: '50k', files: 50_000, repos: ['handbook', 'web-app'] },
];

/**
 * Builds `<tiersDir>/<name>` from the full tree `tree` as hard links: the same home layout,
 * the tier's repositories, and a sample of node_modules' files that brings it to its number of
 * files. The same bytes as the full tree, so one warm page cache serves all.
 */
export function buildTier(tree: string, tiersDir: string, spec: TierSpec, seed: string): void {
  const target = join(tiersDir, spec.name);
  for (const entry of readdirSync(tree)) if (entry !== 'code') linkTree(join(tree, entry), join(target, entry));
  for (const repo of spec.repos) linkTree(join(tree, 'code', repo), join(target, 'code', repo));
  const app = join(tree, 'code', 'app');
  for (const entry of readdirSync(app)) if (entry !== 'node_modules') linkTree(join(app, entry), join(target, 'code', 'app', entry));
  const base = listFiles(target).length;
  // A systematic sample of node_modules' files sorted by size: every size class in proportion,
  // so the tier has the full tree's mix of small and large files (whole packages would not:
  // a few very large ones decide the total).
  const nodeModules = join(app, 'node_modules');
  const files = listFiles(nodeModules)
    .map((path) => ({ path, size: statSync(path).size }))
    .sort((a, b) => a.size - b.size || (a.path < b.path ? -1 : 1));
  const share = (spec.files - base) / files.length;
  let quota = createRandom(`${seed}/tier/${spec.name}`).next();
  for (const { path } of files) {
    quota += share;
    if (quota < 1) continue;
    quota -= 1;
    linkTree(path, join(target, 'code', 'app', 'node_modules', relative(nodeModules, path)));
  }
}
