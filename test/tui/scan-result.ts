import type { Finding, Skipped, Suppressed } from '../../src/model/finding.js';
import type { ScanResult } from '../../src/model/result.js';

/** A finding for TUI tests: plainly fake, masked as the engine would mask it. */
export function finding(root: string, path: string, overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'fake-token',
    category: 'token',
    severity: 'block',
    root,
    path,
    line: 3,
    column: 7,
    source: 'file',
    secret: 'fake_tok_…',
    fingerprint: `fp-${path}`,
    message: 'A fake token.',
    remediation: 'Rotate the fake token.',
    ...overrides,
  };
}

/** A scan result with just what a test names; complete and GO unless told otherwise. */
export function scanResult(overrides: Partial<ScanResult> = {}): ScanResult {
  return {
    verdict: 'go',
    isComplete: true,
    roots: ['/r'],
    findings: [],
    suppressed: [] as Suppressed[],
    skipped: [] as Skipped[],
    excluded: [],
    notices: [],
    stats: { files: 3, bytes: 100, durationMs: 5 },
    ...overrides,
  };
}
