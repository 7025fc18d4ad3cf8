import type { Finding } from '../model/finding.js';
import type { ScanResult } from '../model/result.js';

/**
 * The findings pane as a list of rows, root → folder → file → finding, in the scan's order.
 * Pure: the pane draws these rows and the cursor moves over them.
 */
export type FindingRow =
  | { kind: 'root'; root: string; count: number }
  | { kind: 'folder'; root: string; folder: string; count: number }
  | { kind: 'file'; root: string; path: string; depth: number }
  | { kind: 'finding'; finding: Finding; key: string; depth: number };

/** A key that tells findings apart (two rules can report the same secret at one place). */
export const findingKey = (f: Finding): string => `${f.root}\0${f.path}\0${f.source}\0${f.commit ?? ''}\0${f.ruleId}\0${f.fingerprint}\0${f.line ?? 0}:${f.column ?? 0}`;

/** The folder of a root-relative POSIX path; '' at the top of the root. */
export const folderOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

/** Groups items by a key, keeping first-seen order. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

export function findingRows(result: Pick<ScanResult, 'roots' | 'findings'>): FindingRow[] {
  const rows: FindingRow[] = [];
  for (const root of result.roots) {
    const findings = result.findings.filter((f) => f.root === root);
    rows.push({ kind: 'root', root, count: findings.length });
    const byFolder = [...groupBy(findings, (f) => folderOf(f.path))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [folder, inFolder] of byFolder) {
      // Files at the top of a root sit directly under it; other folders get a row of their own.
      const depth = folder === '' ? 1 : 2;
      if (folder !== '') rows.push({ kind: 'folder', root, folder, count: inFolder.length });
      for (const [path, inFile] of groupBy(inFolder, (f) => f.path)) {
        rows.push({ kind: 'file', root, path, depth });
        for (const finding of inFile) rows.push({ kind: 'finding', finding, key: findingKey(finding), depth: depth + 1 });
      }
    }
  }
  return rows;
}
