import type { ScanResult } from '../model/result.js';

/** The JSON contract (version 1). Other tools read it: add fields, never rename or remove. */
export function formatJson(result: ScanResult): string {
  const document = {
    version: 1,
    verdict: result.verdict,
    complete: result.isComplete,
    roots: result.roots,
    findings: result.findings,
    suppressed: result.suppressed,
    skipped: result.skipped.map(({ root, path, reason, detail }) => ({ root, path, reason, detail })),
    excluded: result.excluded,
    notices: result.notices,
    ...(result.plan ? { plan: result.plan } : {}),
    // Additive, outside the contract's required fields: set-up advice, and what an audit checked.
    ...(result.advice && result.advice.length > 0 ? { advice: result.advice } : {}),
    ...(result.audit ? { audit: result.audit } : {}),
    stats: result.stats,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
