import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildFixtureHome } from '../helpers/fixture-home.js';
import { runCli } from '../helpers/cli.js';
import { fakeNoteToken, fakeTestToken } from '../helpers/fake-secrets.js';
import { writeTestRules } from '../helpers/rules.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

/**
 * The SARIF 2.1.0 JSON schema, read from a package (no network at test time). It is the
 * 2.1.0-rtm.5 schema that @microsoft/jest-sarif ships: JSON Schema draft-04, as is the OASIS one.
 */
const require = createRequire(import.meta.url);
const SCHEMA_FILE = join(require.resolve('@microsoft/jest-sarif/package.json'), '..', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { title: string };
// The schema's language-tag pattern is not valid with the u flag; it was written for non-unicode regexes.
// Both packages are CommonJS whose module.exports is also `.default`: one spelling for tsc and node.
const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

function errorsOf(document: unknown): string[] {
  return validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; defaultConfiguration: { level: string } }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }[] }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number; startColumn: number } } }[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}

function sarif(args: string[]): SarifLog {
  const run = runCli(['scan', '--format', 'sarif', ...args]);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as SarifLog;
}

describe('SARIF output', () => {
  it('is checked against the SARIF 2.1.0 schema, which rejects invalid logs', () => {
    expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0-rtm.5 JSON Schema');
    expect(errorsOf({ version: '2.1.0', runs: [] })).toEqual([]);
    expect(errorsOf({ runs: [] })).toEqual([" must have required property 'version'"]);
    expect(errorsOf({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] })).toEqual([
      '/runs/0/results/0/level must be equal to one of the allowed values',
    ]);
  });

  it('validates for a scan with findings, whole-file findings, skipped entries, odd file names and two roots', () => {
    const base = useTempDir();
    const rules = writeTestRules(base);
    const [first, second] = [join(base, 'first root'), join(base, 'zweite Wurzel #2')];
    writeTree(first, {
      'config/app settings.env': `\nTOKEN=${fakeTestToken()}\n`,
      'données/naïve #1?.txt': `${fakeNoteToken()}\n`,
      'keys/deploy.fakekey': 'x',
    });
    execFileSync('mkfifo', [join(first, 'pipe')]);
    writeTree(second, { 'a%20b.txt': `x ${fakeTestToken()}` });
    mkdirSync(join(base, 'elsewhere'));
    symlinkSync(join(base, 'elsewhere'), join(second, 'out'));

    const log = sarif(['--rules', rules, first, second]);
    expect(errorsOf(log)).toEqual([]);

    const [run] = log.runs;
    expect(log.runs).toHaveLength(1);
    expect(run!.tool.driver.name).toBe('airlock');
    expect(run!.originalUriBaseIds).toEqual({ ROOT0: { uri: `${pathToFileURL(first).href}/` }, ROOT1: { uri: `${pathToFileURL(second).href}/` } });
    expect(run!.invocations[0]!.executionSuccessful).toBe(true);
    expect(run!.invocations[0]!.toolExecutionNotifications.map((n) => [n.message.text, n.locations[0]!.physicalLocation.artifactLocation])).toEqual([
      ['not scanned (not-regular-file): FIFO, socket or device: never opened', { uri: 'pipe', uriBaseId: 'ROOT0' }],
    ]);
    const rulesById = run!.tool.driver.rules.map((r) => [r.id, r.defaultConfiguration.level]);
    expect(rulesById).toEqual([
      ['fake-token', 'error'],
      ['fake-note', 'warning'],
      ['fake-key-file', 'error'],
      ['symlink-escape', 'warning'],
    ]);
    expect(
      run!.results.map((r) => ({
        ruleId: r.ruleId,
        indexed: run!.tool.driver.rules[r.ruleIndex]!.id,
        level: r.level,
        location: r.locations[0]!.physicalLocation,
        print: /^[0-9a-f]{32}$/.test(r.partialFingerprints['airlock/v1']!),
      })),
    ).toEqual([
      { ruleId: 'fake-token', indexed: 'fake-token', level: 'error', location: { artifactLocation: { uri: 'config/app%20settings.env', uriBaseId: 'ROOT0' }, region: { startLine: 2, startColumn: 7 } }, print: true },
      { ruleId: 'fake-note', indexed: 'fake-note', level: 'warning', location: { artifactLocation: { uri: 'donn%C3%A9es/na%C3%AFve%20%231%3F.txt', uriBaseId: 'ROOT0' }, region: { startLine: 1, startColumn: 1 } }, print: true },
      { ruleId: 'fake-key-file', indexed: 'fake-key-file', level: 'error', location: { artifactLocation: { uri: 'keys/deploy.fakekey', uriBaseId: 'ROOT0' } }, print: true },
      { ruleId: 'fake-token', indexed: 'fake-token', level: 'error', location: { artifactLocation: { uri: 'a%2520b.txt', uriBaseId: 'ROOT1' }, region: { startLine: 1, startColumn: 3 } }, print: true },
      { ruleId: 'symlink-escape', indexed: 'symlink-escape', level: 'warning', location: { artifactLocation: { uri: 'out', uriBaseId: 'ROOT1' } }, print: true },
    ]);
  });

  it('validates for a clean scan with no results', () => {
    const base = useTempDir();
    writeTree(base, { 'readme.md': 'hello' });
    const log = sarif([base]);
    expect(errorsOf(log)).toEqual([]);
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.tool.driver.rules).toEqual([]);
  });

  it('marks an incomplete scan as not successful, and still validates', () => {
    const base = useTempDir();
    writeTree(base, { 'big.txt': 'x'.repeat(2048) });
    const log = sarif(['--max-file-size', '1k', base]);
    expect(errorsOf(log)).toEqual([]);
    expect(log.runs[0]!.invocations[0]!.executionSuccessful).toBe(false);
    expect(log.runs[0]!.invocations[0]!.toolExecutionNotifications.map((n) => n.message.text)).toEqual(['not scanned (too-large): 2048 bytes, over the 1024-byte limit']);
  });

  it('is valid for an audit too, with the advice and the audit summary in the run\'s property bag', () => {
    const home = join(useTempDir(), 'home');
    buildFixtureHome(home);
    const run = runCli(['audit', '--home', home, '--format', 'sarif'], { env: { AIRLOCK_CACHE_DIR: 'off' } });
    const log = JSON.parse(run.stdout) as SarifLog & { runs: { properties: { advice: unknown[]; audit: { home: string } } }[] };
    expect(errorsOf(log)).toEqual([]);
    expect(log.runs[0]!.properties.advice.length).toBeGreaterThan(0);
    expect(log.runs[0]!.properties.audit.home).toBe(home);
    expect(log.runs[0]!.results.some((r) => r.ruleId === 'audit-ssh-private-key' && r.level === 'error')).toBe(true);
  });
});
