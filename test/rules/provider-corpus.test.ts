import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileProviderEntry } from '../../src/rules/provider-compile.js';
import { CONTEXTS, placeholderValue, randomValue, spellings, type ContextName } from '../../src/rules/provider-examples.js';
import { providerFileSyntax } from '../../src/rules/provider-syntax.js';
import { generateValue, parseShape, seededRandom, type ValueShape } from '../../src/rules/provider-values.js';
import { REPO_DIR, scanJson, type JsonReport } from '../helpers/cli.js';
import { writeTree } from '../helpers/temp-dir.js';

/**
 * Every shipped provider entry, end to end: a positives folder with one file per entry and
 * context (code, YAML, .env, shell, log, JSON) holding a value generated for this test (not the
 * rule's own examples), and a decoys folder of near misses, each scanned once by the built CLI.
 * Every positive must be found by its own rule; no decoy may be flagged by a provider rule.
 */
const PROVIDERS_DIR = join(REPO_DIR, 'rules', 'providers');

/** Where each context is written: the file names people use for it. */
const FILE_FOR: Record<ContextName, string> = {
  env: '.env',
  code: 'client.js',
  yaml: 'config.yml',
  shell: 'deploy.sh',
  log: 'app.log',
  json: 'settings.json',
};

/**
 * Entries whose keys share a format with another provider's prefixed rule, which runs first and
 * reports the value under its own name (still a BLOCK): the entry, and the rule that may take its place.
 */
const SHARED_FORMATS: Record<string, string> = {
  'apideck-api-key': 'stripe-live-secret-key',
  'vagrant-cloud-token': 'terraform-cloud-token',
};

interface Entry {
  id: string;
  shape: ValueShape;
  names: readonly string[];
  kind: string;
}

function shippedEntries(): Entry[] {
  const entries: Entry[] = [];
  for (const file of readdirSync(PROVIDERS_DIR).filter((name) => /\.ya?ml$/.test(name))) {
    const { providers } = providerFileSyntax.parse(parse(readFileSync(join(PROVIDERS_DIR, file), 'utf8')));
    for (const entry of providers) {
      const compiled = compileProviderEntry(entry, file);
      if (!compiled.ok) throw new Error(compiled.errors.join('\n'));
      const names = entry.names ?? [entry.provider.toLowerCase().replace(/[^a-z0-9]/g, '')];
      entries.push({ id: compiled.value.id, shape: parseShape(entry.value) as ValueShape, names, kind: entry.kind ?? 'API key' });
    }
  }
  return entries;
}

/** Near misses of one entry: each alone in its file (a name on the line above counts as context). */
function decoysOf(entry: Entry, random: () => number): Record<string, string> {
  const s = spellings(entry.names, entry.kind);
  const value = randomValue(entry.shape, random);
  const upper = `${s.name.toUpperCase()}_${s.kindSnake.toUpperCase()}`;
  return {
    'too-short.env': `${upper}=${generateValue(entry.shape, random, -2)}\n`,
    'too-long.env': `${upper}=${generateValue(entry.shape, random, 5)}\n`,
    'placeholder.env': `${upper}=${placeholderValue(entry.shape)}\n`,
    'no-name.env': `${s.kindSnake.toUpperCase()}=${value}\n`,
    'identifier.yml': `${s.name}_${s.kindSnake}_id: ${value}\n`,
    'no-credential-word.js': `const ${s.pascal.charAt(0).toLowerCase()}${s.pascal.slice(1)}Region = "${value}";\n`,
  };
}

describe('provider entries, end to end through the built CLI', () => {
  const entries = shippedEntries();
  const providerIds = new Set(entries.map((e) => e.id));
  let positives: JsonReport;
  let decoys: JsonReport;

  const root = mkdtempSync(join(tmpdir(), 'airlock-provider-corpus-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  beforeAll(() => {
    const positiveFiles: Record<string, string> = {};
    const decoyFiles: Record<string, string> = {};
    for (const entry of entries) {
      const random = seededRandom(`${entry.id} end to end`);
      const s = spellings(entry.names, entry.kind);
      for (const context of Object.keys(CONTEXTS) as ContextName[]) {
        positiveFiles[`${entry.id}/${context}/${FILE_FOR[context]}`] = CONTEXTS[context](s, randomValue(entry.shape, random));
      }
      for (const [name, text] of Object.entries(decoysOf(entry, random))) decoyFiles[`${entry.id}/${name}`] = text;
    }
    writeTree(join(root, 'positives'), positiveFiles);
    writeTree(join(root, 'decoys'), decoyFiles);
    ({ report: positives } = scanJson([join(root, 'positives'), '--no-history', '--no-cache', '--fail-on', 'never'], { timeoutMs: 120_000 }));
    ({ report: decoys } = scanJson([join(root, 'decoys'), '--no-history', '--no-cache', '--fail-on', 'never'], { timeoutMs: 120_000 }));
  }, 240_000);

  it('covers every shipped entry', () => {
    expect(entries.length).toBeGreaterThan(0);
    expect(positives.stats.files).toBe(entries.length * Object.keys(CONTEXTS).length);
  });

  it('finds every positive with the entry\'s own rule, in every context', () => {
    const found = new Set(positives.findings.map((f) => `${f.path.split('/')[0]}/${f.path.split('/')[1]} ${f.ruleId}`));
    const isFound = (id: string, context: string) => found.has(`${id}/${context} ${id}`) || found.has(`${id}/${context} ${SHARED_FORMATS[id]}`);
    const missed = entries.flatMap((entry) =>
      (Object.keys(CONTEXTS) as ContextName[]).filter((context) => !isFound(entry.id, context)).map((context) => `${entry.id}/${context}`),
    );
    expect(missed).toEqual([]);
  });

  it('flags no decoy with a provider rule', () => {
    const flagged = decoys.findings.filter((f) => providerIds.has(f.ruleId)).map((f) => `${f.path}: ${f.ruleId}`);
    expect(flagged).toEqual([]);
  });
});
