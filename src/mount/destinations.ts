import { posix } from 'node:path';
import type { PlannedMount } from './plan.js';

/** Where each root appears inside the sandbox: `<base>/<root's name>`, made unique among roots. */
export function rootDestinations(roots: readonly string[], base: string): Map<string, string> {
  const used = new Set<string>();
  const destinations = new Map<string, string>();
  for (const root of roots) {
    const name = posix.basename(root) || 'root';
    let candidate = name;
    for (let n = 2; used.has(candidate); n++) candidate = `${name}-${n}`;
    used.add(candidate);
    destinations.set(root, posix.join(base, candidate));
  }
  return destinations;
}

/** A mount's path inside the sandbox: its root's destination plus its path in the root. */
export function destinationOf(mount: Pick<PlannedMount, 'root' | 'rel'>, roots: ReadonlyMap<string, string>): string {
  const base = roots.get(mount.root)!;
  return mount.rel ? `${base}/${mount.rel}` : base;
}

/** Checks a `--dest` value: an absolute POSIX path other than `/`, given without `.` or `..`. */
export function checkDestinationBase(base: string): string | undefined {
  if (!base.startsWith('/')) return `--dest must be an absolute path, not "${base}"`;
  const normal = posix.normalize(base).replace(/\/+$/, '');
  if (normal === '') return '--dest cannot be / (the roots would cover the whole sandbox)';
  if (normal !== base.replace(/\/+$/, '')) return `--dest must be written without ".", ".." or doubled slashes (${normal}?)`;
  if (/[\r\n]/.test(base)) return '--dest cannot hold a line break';
  return undefined;
}
