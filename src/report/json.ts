import type { ScanResult } from '../model/result.js';

/**
 * The JSON contract (docs/json-output.md). Other tools read it: add fields, never rename or
 * remove. Version 2: `verdict` may be "incomplete" (version 1 said "go" or "review" while
 * `complete` was false).
 */
export function formatJson(result: ScanResult): string {
  const document = {
    version: 2,
    verdict: result.verdict,
    complete: result.isComplete,
    roots: result.roots,
    findings: result.findings,
    suppressed: result.suppressed,
    skipped: result.skipped.map(({ root, path, reason, detail }) => ({ root, path, reason, detail })),
    excluded: result.excluded,
    notices: result.notices,
    ...(result.plan ? { plan: result.plan } : {}),
    stats: result.stats,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
