import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, scanJson, type JsonReport } from '../helpers/cli.js';

/**
 * fixtures/positives: one file per provider (and per generic rule, generic-*.txt), each with
 * a fake credential in a realistic context. Every file must be found by one of airlock's own
 * rules, not only by secretlint's.
 */
const POSITIVES = join(FIXTURES, 'positives');

describe('the positives corpus (fixtures/positives)', () => {
  let report: JsonReport;
  let files: string[];

  beforeAll(() => {
    files = readdirSync(POSITIVES, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(POSITIVES.length + 1).split('\\').join('/'))
      .sort();
    ({ report } = scanJson([POSITIVES, '--no-history', '--no-cache'], { timeoutMs: 60_000 }));
  });

  it('scans every file', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(report.stats.files).toBe(files.length);
    expect(report.verdict).toBe('no-go');
  });

  it('has a finding of an airlock rule in every file', () => {
    // One finding per secret: a sample shared by two files is found in both, the second in `locations`.
    const places = report.findings.flatMap((f) => [f, ...(f.locations ?? [])]);
    const found = new Set(places.filter((p) => !p.ruleId.startsWith('secretlint/')).map((p) => p.path));
    expect(files.filter((file) => !found.has(file))).toEqual([]);
  });
});
