import type { ScanResult } from '../model/result.js';
import { jsonChunks } from './json-chunks.js';

/**
 * The JSON contract (docs/json-output.md). Other tools read it: add fields, never rename or
 * remove. Version 2: `verdict` may be "incomplete" (version 1 said "go" or "review" while
 * `complete` was false). Written in pieces (json-chunks.ts), never held as one string.
 */
export function formatJson(result: ScanResult): Iterable<string> {
  const document = {
    version: 2,
    verdict: result.verdict,
    complete: result.isComplete,
    roots: result.roots,
    findings: result.findings,
    suppressed: result.suppressed,
    skipped: result.skipped.map(({ root, path, reason, detail, file }) => ({ root, path, reason, detail, ...(file ? { file } : {}) })),
    excluded: result.excluded,
    notices: result.notices,
    ...(result.plan ? { plan: result.plan } : {}),
    // Additive, outside the contract's required fields: set-up advice, and what an audit checked.
    ...(result.advice && result.advice.length > 0 ? { advice: result.advice } : {}),
    ...(result.audit ? { audit: result.audit } : {}),
    stats: result.stats,
  };
  return jsonChunks(document);
}
