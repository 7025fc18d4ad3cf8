import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { fingerprint } from '../engine/mask.js';
import type { Finding } from '../model/finding.js';
import type { AuditLocationCheck } from '../model/result.js';
import type { Location } from './location.js';
import { PROBE_FUNCTIONS, type ProbeInput } from './probes.js';

/** Most entries read from one folder while expanding a `*`, and most bytes read from one file. */
const MAX_DIR_ENTRIES = 2_000;
const MAX_READ_BYTES = 16 * 1024 * 1024;
const MAX_FOLDER_FILES = 200;

export interface LocationReport {
  findings: Finding[];
  checked: AuditLocationCheck[];
}

const wildcard = (segment: string) => new RegExp(`^${segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

function list(dir: string): string[] {
  try {
    return readdirSync(dir).slice(0, MAX_DIR_ENTRIES);
  } catch {
    return [];
  }
}

/** The home-relative paths a location pattern names that exist. Links are followed (dotfile managers link). */
export function expandPattern(home: string, pattern: string): { path: string; stats: Stats }[] {
  const isFolder = pattern.endsWith('/');
  let candidates = [''];
  for (const segment of pattern.split('/').filter((s) => s !== '')) {
    candidates = segment.includes('*')
      ? candidates.flatMap((c) => list(join(home, c)).filter((name) => wildcard(segment).test(name)).map((name) => (c ? `${c}/${name}` : name)))
      : candidates.map((c) => (c ? `${c}/${segment}` : segment));
  }
  return candidates.flatMap((path) => {
    try {
      const stats = statSync(join(home, path));
      return (isFolder ? stats.isDirectory() : stats.isFile()) ? [{ path, stats }] : [];
    } catch {
      return [];
    }
  });
}

/** Reads a regular file without blocking on a FIFO or following a last-moment swap to one. */
function readText(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = fstatSync(fd);
    if (!stats.isFile()) return undefined;
    const buffer = Buffer.alloc(Math.min(stats.size, MAX_READ_BYTES));
    let filled = 0;
    while (filled < buffer.length) {
      const n = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    return buffer.toString('utf8', 0, filled);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function probeInput(location: Location, absolute: string): ProbeInput {
  if (location.probe === 'present') return {};
  if (location.probe === 'gpg-keys') {
    const names = list(absolute).slice(0, MAX_FOLDER_FILES);
    return { files: names.map((name) => ({ name, text: readText(join(absolute, name)) ?? '' })) };
  }
  return { text: readText(absolute) ?? '' };
}

/** Group- or world-readable credential files: other accounts and services on the machine can read them. */
function permissionNote(stats: Stats, path: string): string {
  if (process.platform === 'win32' || (stats.mode & 0o044) === 0) return '';
  const mode = (stats.mode & 0o777).toString(8).padStart(3, '0');
  return ` It is readable by other accounts on this machine (mode ${mode}): \`chmod ${stats.isDirectory() ? 700 : 600} ~/${path}\`.`;
}

/** Checks every location of the catalog under `home`: what exists, and what each entry holds. */
export function checkLocations(home: string, locations: readonly Location[]): LocationReport {
  const findings: Finding[] = [];
  const checked: AuditLocationCheck[] = [];
  for (const location of locations) {
    const seen = new Set<string>();
    // A key probe looks at every file of ~/.ssh: only private keys count as present.
    let found = 0;
    for (const pattern of location.paths) {
      for (const { path, stats } of expandPattern(home, pattern)) {
        if (seen.has(path)) continue;
        seen.add(path);
        const judgement = PROBE_FUNCTIONS[location.probe](probeInput(location, join(home, path)), location);
        if (location.probe !== 'private-key' || judgement) found++;
        if (!judgement) continue;
        const ruleId = `audit-${location.id}`;
        findings.push({
          ruleId,
          category: location.category,
          severity: judgement.severity,
          root: home,
          path,
          source: 'file',
          fingerprint: fingerprint(ruleId, `path:${path}`),
          message: `${location.name}: ${judgement.detail}. It gives whoever reads it ${location.grants}.${permissionNote(stats, path)}`,
          remediation: location.fix,
        });
      }
    }
    checked.push({ id: location.id, name: location.name, found });
  }
  return { findings, checked };
}
