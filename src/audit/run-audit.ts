import { resolve } from 'node:path';
import type { Finding } from '../model/finding.js';
import { ok, type Outcome } from '../model/outcome.js';
import type { ScanResult } from '../model/result.js';
import { SEVERITY_RANK } from '../model/severity.js';
import { scan, type ScanOptions } from '../pipeline/scan.js';
import { sortFindings } from '../pipeline/findings.js';
import { decideVerdict } from '../verdict/decide.js';
import { CACHE_EXCLUSION_BY, CACHE_GLOBS } from './cache-dirs.js';
import { checkLocations } from './check-locations.js';
import { checkPosture } from './check-posture.js';
import { LOCATIONS } from './locations.js';

export interface AuditOptions extends Omit<ScanOptions, 'roots' | 'defaultExclusions'> {
  home: string;
  /** Read caches and package stores too (CACHE_GLOBS). */
  includeCaches: boolean;
}

/**
 * The catalog knows more about the files it judges than a content rule (a passphrase, a
 * `${VAR}` reference), so on those paths it decides: a scan finding stays only where it points
 * at a line and weighs no more than the catalog's judgement (it adds the masked value).
 */
function keepScanFinding(finding: Finding, judged: Map<string, Finding>): boolean {
  const catalog = judged.get(finding.path);
  if (!catalog) return true;
  return finding.line !== undefined && SEVERITY_RANK[finding.severity] <= SEVERITY_RANK[catalog.severity];
}

/** `airlock audit`: the catalog of credential locations, a content scan of the home, and advice. */
export async function runAudit(options: AuditOptions): Promise<Outcome<ScanResult>> {
  const home = resolve(options.home);
  const started = performance.now();
  const scanned = await scan({
    ...options,
    roots: [home],
    defaultExclusions: options.includeCaches ? [] : [{ by: CACHE_EXCLUSION_BY, globs: [...CACHE_GLOBS] }],
  });
  if (!scanned.ok) return scanned;
  const result = scanned.value;
  const catalog = checkLocations(home, LOCATIONS);
  const judged = new Map(catalog.findings.map((f) => [f.path, f]));
  const findings = sortFindings([...catalog.findings, ...result.findings.filter((f) => keepScanFinding(f, judged))]);
  const notRead = (result.excludedPaths ?? []).filter((e) => e.by === CACHE_EXCLUSION_BY).map((e) => ({ path: e.path, reason: 'cache or package store' }));
  return ok({
    ...result,
    findings,
    verdict: decideVerdict(findings, result.isComplete),
    advice: [...checkPosture(home), ...(result.advice ?? [])],
    audit: { home, checked: catalog.checked, notRead },
    stats: { ...result.stats, durationMs: Math.round(performance.now() - started) },
  });
}
