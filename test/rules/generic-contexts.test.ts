import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { scanJson, type JsonReport } from '../helpers/cli.js';
import { genericDecoys, genericPositives } from '../helpers/generic-contexts.js';
import { writeTree } from '../helpers/temp-dir.js';

/**
 * Generic credential detection, breadth and near misses: values generated at run time, written
 * in every context of test/helpers/generic-contexts.ts, scanned by the built CLI.
 */
describe('generic credentials where people leave them', () => {
  const root = mkdtempSync(join(tmpdir(), 'airlock-generic-'));
  const positives = genericPositives();
  const decoys = genericDecoys();
  let found: JsonReport;
  let quiet: JsonReport;

  beforeAll(() => {
    writeTree(join(root, 'positives'), Object.fromEntries(positives.map((c) => [c.path, c.content])));
    writeTree(join(root, 'decoys'), Object.fromEntries(decoys.map((c) => [c.path, c.content])));
    found = scanJson([join(root, 'positives'), '--no-history', '--no-cache', '--fail-on', 'never']).report;
    quiet = scanJson([join(root, 'decoys'), '--no-history', '--no-cache', '--fail-on', 'never']).report;
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds the credential in every context, with an airlock rule', () => {
    const places = found.findings.flatMap((f) => [f, ...(f.locations ?? [])]).filter((p) => !p.ruleId.startsWith('secretlint/'));
    const missed = positives.filter((c) => !places.some((p) => p.path === c.path)).map((c) => c.path);
    expect(missed).toEqual([]);
  });

  it('blocks in configuration files and asks for review elsewhere', () => {
    const severityOf = (path: string) => found.findings.find((f) => f.path === path)?.severity;
    const wrong = positives.filter((c) => severityOf(c.path) !== c.severity).map((c) => `${c.path}: ${severityOf(c.path)}`);
    expect(wrong).toEqual([]);
  });

  it('reports none of the near misses', () => {
    expect(quiet.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`)).toEqual([]);
  });
});
