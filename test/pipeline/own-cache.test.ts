import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import type { Outcome } from '../../src/model/outcome.js';
import type { LoadedRules } from '../../src/pipeline/rules-cache.js';
import { compileRules } from '../../src/rules/compile.js';
import { loadRules } from '../../src/rules/load.js';
import type { RuleDefinition } from '../../src/rules/syntax.js';
import { REPO_DIR, runCli, scanJson } from '../helpers/cli.js';
import { fakeGithubToken, fakeTailscaleKey } from '../helpers/fake-secrets.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

/**
 * The rules as the built `loadRuleDefinitions` gives them, in a process of its own: it works out
 * the start offsets in a worker thread, which runs built code only. Writes the cache file as a scan does at its end.
 */
function loadBuilt(dirs: string[], cacheDir: string): Outcome<LoadedRules> {
  const script = [
    `const { loadRuleDefinitions } = await import(${JSON.stringify(join(REPO_DIR, 'dist/pipeline/rules-cache.js'))});`,
    `const { openCacheFolder } = await import(${JSON.stringify(join(REPO_DIR, 'dist/pipeline/cache-dir.js'))});`,
    `const loaded = await loadRuleDefinitions(${JSON.stringify(dirs)}, openCacheFolder(${JSON.stringify(cacheDir)}, true));`,
    'if (loaded.ok) await loaded.value.keep?.();',
    'process.stdout.write(JSON.stringify(loaded));',
  ].join('\n');
  // A file, not `-e`: a worker thread inherits `--input-type`, which refuses a file to run.
  const file = join(useTempDir('airlock-load-'), 'load.mjs');
  writeFileSync(file, script);
  const run = spawnSync(process.execPath, [file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Outcome<LoadedRules>;
}

/** A home whose cache folder (`~/.cache/airlock`) was filled by one earlier scan. */
function homeWithWarmCache(): { home: string; cache: string } {
  const home = useTempDir('airlock-home-');
  const cache = join(home, '.cache', 'airlock');
  writeTree(home, { 'code/app/readme.txt': 'nothing here\n' });
  const first = runCli(['scan', join(home, 'code')], { env: { AIRLOCK_CACHE_DIR: cache } });
  expect(first.status).toBe(0);
  return { home, cache };
}

describe("airlock's own cache in a scanned home", () => {
  it('holds no shipped rule example in clear text', async () => {
    const { cache } = homeWithWarmCache();
    const rulesFile = readdirSync(cache).find((name) => /^rules-[0-9a-f]{32}\.json$/.test(name));
    expect(rulesFile).toBeDefined();
    const text = readFileSync(join(cache, rulesFile!), 'utf8');
    const rules = await loadRules([join(REPO_DIR, 'rules')]);
    if (!rules.ok) throw new Error('shipped rules did not load');
    const examples = rules.value.filter((r) => r.content).flatMap((r) => r.examples).flatMap((e) => (typeof e === 'string' ? [e] : e.content ? [e.content] : []));
    expect(examples.length).toBeGreaterThan(500);
    const inClear = examples.filter((example) => example.length >= 12 && text.includes(JSON.stringify(example).slice(1, -1)));
    expect(inClear).toEqual([]);
  });

  it("gives back a user's rules exactly as a fresh load does, non-ASCII examples included, and the shipped ones with their start offsets instead of examples", async () => {
    const rulesDir = useTempDir('airlock-rules-');
    writeTree(rulesDir, {
      'mine.yml': [
        'rules:',
        '  - id: accented-token',
        '    name: Accented token',
        '    category: token',
        '    severity: review',
        '    description: A token written after a word with accents, a CJK label and an emoji.',
        '    remediation: Rotate it.',
        '    content:',
        "      pattern: 'clé-секрет[:=](?<secret>[A-Za-z0-9]{12})'",
        '      keywords: [":"]',
        '    examples:',
        '      - "clé-секрет:Qx7vL2mN9pR4 # 鍵 🔑"',
        '      - "clé-секрет=Hb3kT8wZ1cY6\\t\\u00a0"',
        '    negative_examples:',
        '      - "clé-секрет:short 😀"',
        '      - "clé-секрет=𝒜𝒷𝒸"',
        '',
      ].join('\n'),
    });
    const cacheDir = useTempDir('airlock-cache-');
    const dirs = [join(REPO_DIR, 'rules'), rulesDir];
    const fresh = await loadRules(dirs);
    if (!fresh.ok) throw new Error(fresh.errors.join('\n'));
    const first = loadBuilt(dirs, cacheDir);
    const cacheFile = join(cacheDir, readdirSync(cacheDir).find((name) => name.startsWith('rules-'))!);
    const second = loadBuilt(dirs, cacheDir);
    if (!first.ok || !second.ok) throw new Error('rules did not load');
    expect(first.value.definitions).toEqual(fresh.value);
    expect(first.value.startOffsets).toBeUndefined();
    const mine = (d: RuleDefinition) => d.file.startsWith(rulesDir);
    expect(second.value.definitions.filter(mine)).toEqual(fresh.value.filter(mine));
    expect(second.value.definitions.filter((d) => !mine(d))).toEqual(fresh.value.filter((d) => !mine(d)).map((d) => ({ ...d, examples: [], negative_examples: [] })));
    // The offsets the cache gives are those the shipped rules' examples confirm in a fresh compile.
    const compiled = compileRules(fresh.value.filter((d) => !mine(d)));
    if (!compiled.ok) throw new Error(compiled.errors.join('\n'));
    const offsets = second.value.startOffsets!;
    expect(Object.keys(offsets).length).toBe(compiled.value.filter((r) => r.content).length);
    expect(Object.values(offsets).filter((entry) => entry !== null).length).toBeGreaterThan(1000);
    for (const rule of compiled.value.filter((r) => r.content)) {
      const expected = rule.content!.startOffsets();
      expect(offsets[rule.id], rule.id).toEqual(expected ? [...expected].map(([k, at]) => [k, [...at]]) : null);
    }
    expect(Object.hasOwn(offsets, 'accented-token')).toBe(false);
    // Read from the file, not loaded again: a change made in the file comes back.
    // Each character shifted into the private use area, written as a JSON escape: the file is ASCII.
    const shifted = (text: string) => [...text].map((ch) => `\\u${(ch.charCodeAt(0) + 0xe000).toString(16)}`).join('');
    const stored = readFileSync(cacheFile, 'latin1');
    expect(stored).toMatch(/^[\x20-\x7e]+$/);
    expect(stored).toContain(shifted('Qx7vL2mN9pR4'));
    writeFileSync(cacheFile, stored.replace(shifted('Qx7vL2mN9pR4'), shifted('Zz7vL2mN9pR4')));
    const third = loadBuilt(dirs, cacheDir);
    expect(third.ok && third.value.definitions.find((d) => d.id === 'accented-token')?.examples[0]).toBe('clé-секрет:Zz7vL2mN9pR4 # 鍵 🔑');
  });

  it('finds with the cached rules what a fresh load finds (start offsets from the cache, regexes built when first used)', () => {
    const home = useTempDir('airlock-home-');
    const root = join(home, 'code');
    writeTree(root, {
      'deploy.sh': `export GITHUB_TOKEN=${fakeGithubToken()}\n`,
      'ci/settings.yaml': `tailscale:\n  auth: ${fakeTailscaleKey()}\n`,
      'notes.md': 'nothing to see\n',
    });
    const cache = join(home, 'cache');
    const fresh = scanJson([root], { env: { AIRLOCK_CACHE_DIR: 'off' } });
    const writing = scanJson([root], { env: { AIRLOCK_CACHE_DIR: cache } });
    const reading = scanJson([root, '--no-cache'], { env: { AIRLOCK_CACHE_DIR: cache } });
    expect(fresh.report.findings.length).toBeGreaterThanOrEqual(2);
    const ids = (r: typeof fresh) => r.report.findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`).sort();
    expect(ids(writing)).toEqual(ids(fresh));
    expect(ids(reading)).toEqual(ids(fresh));
  });

  it('is left out of a scan of the home, with a note, and the scan of the home is GO', () => {
    const { home, cache } = homeWithWarmCache();
    const { status, report } = scanJson([home], { env: { AIRLOCK_CACHE_DIR: cache } });
    expect(report.findings.filter((f) => f.path.startsWith('.cache/'))).toEqual([]);
    expect(status).toBe(0);
    const text = runCli(['scan', home], { env: { AIRLOCK_CACHE_DIR: cache } }).stdout.replace(/\s+/g, ' ');
    expect(text).toContain(`Excluded 1 entry by airlock's own cache (${cache})`);
  });

  it('is read like any folder when it is the folder scanned', () => {
    const { cache } = homeWithWarmCache();
    const { report } = scanJson([cache], { env: { AIRLOCK_CACHE_DIR: cache } });
    expect(report.stats.files).toBeGreaterThan(0);
  });
});

describe("the keyword automaton kept in airlock's cache folder", () => {
  it('is written by the first scan, read by the next, and replaced when damaged, the findings the same each time', () => {
    const base = useTempDir('airlock-automaton-');
    const root = join(base, 'code');
    const cache = join(base, 'cache');
    writeTree(root, { 'deploy.sh': `export GITHUB_TOKEN=${fakeGithubToken()}\n` });
    const env = { AIRLOCK_CACHE_DIR: cache };
    const ids = () => scanJson([root, '--no-cache'], { env }).report.findings.map((f) => f.ruleId);
    expect(ids()).toEqual(['github-pat']);
    const images = readdirSync(cache).filter((name) => /^prefilter-[0-9a-f]{32}\.bin$/.test(name));
    expect(images).toHaveLength(1);
    const file = join(cache, images[0]!);
    const inode = statSync(file).ino;
    expect(statSync(file).size).toBeGreaterThan(100_000);
    // Read, not written again: a write goes through a new file renamed into place.
    expect(ids()).toEqual(['github-pat']);
    expect(statSync(file).ino).toBe(inode);
    // A damaged image is not used (its digest fails): the automaton is built, and kept anew.
    const bytes = readFileSync(file);
    const middle = bytes.length >> 1;
    bytes[middle] = bytes[middle]! ^ 0xff;
    writeFileSync(file, bytes);
    expect(ids()).toEqual(['github-pat']);
    expect(statSync(file).ino).not.toBe(inode);
    expect(readFileSync(file).equals(bytes)).toBe(false);
  });
});
