import { readdirSync } from 'node:fs';
import { join } from 'node:path';
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

/** Top-level packages of a node_modules folder (`@scope/name` counted one by one), sorted. */
function listPackages(nodeModules: string): string[] {
  const packages: string[] = [];
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === '.bin') continue;
    if (!entry.name.startsWith('@')) packages.push(entry.name);
    else for (const inner of readdirSync(join(nodeModules, entry.name))) packages.push(`${entry.name}/${inner}`);
  }
  return packages.sort();
}

/**
 * Builds `<tiersDir>/<name>` from the full tree `tree` as hard links: the same home layout,
 * the tier's repositories, and packages drawn in a seeded random order until the tier holds
 * its number of files. The same bytes as the full tree, so one warm page cache serves all.
 */
export function buildTier(tree: string, tiersDir: string, spec: TierSpec, seed: string): void {
  const target = join(tiersDir, spec.name);
  for (const entry of readdirSync(tree)) if (entry !== 'code') linkTree(join(tree, entry), join(target, entry));
  for (const repo of spec.repos) linkTree(join(tree, 'code', repo), join(target, 'code', repo));
  const app = join(tree, 'code', 'app');
  for (const entry of readdirSync(app)) if (entry !== 'node_modules') linkTree(join(app, entry), join(target, 'code', 'app', entry));
  let count = listFiles(target).length;
  const packages = listPackages(join(app, 'node_modules'));
  const r = createRandom(`${seed}/tier/${spec.name}`);
  for (let i = packages.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [packages[i], packages[j]] = [packages[j]!, packages[i]!];
  }
  // Within 1% of the target: a package that would overshoot it is passed over for a smaller one.
  for (const name of packages) {
    if (count >= spec.files * 0.99) break;
    const source = join(app, 'node_modules', name);
    const files = listFiles(source).length;
    if (count + files > spec.files * 1.01) continue;
    linkTree(source, join(target, 'code', 'app', 'node_modules', name));
    count += files;
  }
}
