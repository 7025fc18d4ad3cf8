import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import picomatch from 'picomatch';
import { createMatcherIndex, createNameMatcher, createPathGate, expandBraces } from '../../src/engine/name-matcher.js';
import { createRuleSet } from '../../src/engine/rule-set.js';
import { pathCandidates, rulesForPath } from '../../src/engine/scan-file.js';
import { compileRules } from '../../src/rules/compile.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/load.js';

// Each kind the matcher tells apart: names, extensions, suffixes, prefixes, infixes (`*ntds*`),
// prefix*suffix, and richer globs put to the regex of their extension or to the general one.
const GLOBS = ['.env', 'id_rsa', '*.p12', 'id_*', 'msal_token_cache.{json,bin}', 'bitwarden_export_*.{json,csv}', '.*_history', 'data?.db', '*ntds*', '*hash*.txt', 'dump?*'];
const NAMES = [
  ...['.env', '.env.local', 'id_rsa', 'id_rsa.pub', 'cert.p12', 'p12', 'msal_token_cache.bin', 'msal_token_cache.txt', 'bitwarden_export_2024.csv', '.bash_history', 'bash_history', 'data1.db', 'data12.db', 'index.js'],
  ...['ntds.dit', 'my-ntds-copy', 'NTDS.dit', 'hashes.txt', 'pwhash.txt', 'hash.txt.bak', 'hashes.lst', 'dump1', 'dump', '_history', '.x_histor'],
];

/** The shipped rules, loaded and compiled. */
async function shippedRules() {
  const definitions = await loadRules([BUILTIN_RULES_DIR]);
  if (!definitions.ok) throw new Error(definitions.errors.join('\n'));
  const compiled = compileRules(definitions.value);
  if (!compiled.ok) throw new Error(compiled.errors.join('\n'));
  return { definitions, compiled };
}

/** Every file under fixtures/, as '/'-separated paths from there. */
const fixtureFiles = () =>
  readdirSync('fixtures', { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(relative('fixtures', entry.parentPath), entry.name));

describe('createNameMatcher', () => {
  it('agrees with picomatch on single-segment globs', () => {
    const matcher = createNameMatcher(GLOBS);
    const reference = picomatch(GLOBS, { dot: true });
    for (const name of NAMES) expect(matcher(name), name).toBe(reference(name));
  });

  it('takes the kinds apart: a broken one of them disagrees with picomatch', () => {
    const reference = picomatch(GLOBS, { dot: true });
    expect(NAMES.filter((name) => reference(name))).toEqual(expect.arrayContaining(['ntds.dit', 'my-ntds-copy', 'hashes.txt', 'pwhash.txt', 'dump1', '.bash_history']));
    expect(NAMES.filter((name) => !reference(name))).toEqual(expect.arrayContaining(['NTDS.dit', 'hash.txt.bak', 'hashes.lst', 'dump', '_history']));
  });

  it('matches everything when a glob has nothing to hold on to, nothing when there are no globs', () => {
    expect(createNameMatcher(['*'])('anything')).toBe(true);
    expect(createNameMatcher(['a[bc]'])('zzz')).toBe(true); // richer syntax: never wrongly excludes
    expect(createNameMatcher([])('anything')).toBe(false);
  });
});

describe('path gates in front of the rules\' globs', () => {
  it('never change what a built-in rule\'s globs decide, on every fixture path and its deeper variants', async () => {
    const { definitions, compiled } = await shippedRules();
    const fixturePaths = fixtureFiles().flatMap((p) => [p, `home/user/${p}`, p.split('/').slice(1).join('/')]);
    const paths = [...fixturePaths, '.env', 'a/.env.local', 'x/.ssh/id_rsa', 'x/.aws/credentials', 'pkg/package.json', 'src/index.js', 'deep/legacy_credentials/me/adc.json'].filter(Boolean);
    let pathRules = 0;
    let matched = 0;
    for (const definition of definitions.value) {
      if (!definition.path) continue;
      pathRules++;
      const rule = compiled.value.find((r) => r.id === definition.id)!;
      const include = picomatch(definition.path.include, { dot: true });
      const exclude = picomatch(definition.path.exclude ?? [], { dot: true });
      for (const path of paths) {
        const expected = include(path) && !(definition.path.exclude?.length ? exclude(path) : false);
        if (expected) matched++;
        expect(rule.matchesPath!(path), `${definition.id} on ${path}`).toBe(expected);
      }
    }
    expect(pathRules).toBeGreaterThan(50);
    expect(matched).toBeGreaterThan(1000);
  });

  it('lets a path through only when its base or folder name can match', () => {
    const gate = createPathGate(['**/.ssh/id_*', '**/legacy_credentials/**', 'config/*']);
    expect(gate('home/.ssh/id_ed25519')).toBe(true);
    expect(gate('a/legacy_credentials/b/adc.json')).toBe(true);
    expect(gate('config/app.yml')).toBe(true);
    expect(gate('src/index.js')).toBe(false);
    expect(createPathGate(['**'])('anything/at/all')).toBe(true);
  });
});

describe('a path gate remembering its last folders', () => {
  it('answers each file by its own folders, whatever came before', async () => {
    const { createPathGate } = await import('../../src/engine/name-matcher.js');
    const gate = createPathGate(['**/secrets/**', '**/id_rsa']);
    const paths: [string, boolean][] = [
      ['a/secrets/x.txt', true],
      ['tree/a/secrets/x.txt', true],
      ['a/secrets/y.txt', true],
      ['a/secretsX/y.txt', false],
      ['a/secret/y.txt', false],
      ['a/secrets/deeper/z', true],
      ['a/b/id_rsa', true],
      ['a/b/c', false],
      ['tree/a/b/c', false],
      ['a/secrets/again', true],
      ['secrets/top', true],
      ['top', false],
      ['/abs', false],
    ];
    for (const [path, expected] of [...paths, ...paths.reverse()]) expect(gate(path), path).toBe(expected);
  });
});

describe('the index that picks which path matchers to ask about a file', () => {
  it('picks every built-in rule that takes a path, as asking every matcher does, on fixture paths and names made from every glob', async () => {
    const { compiled } = await shippedRules();
    const ruleSet = createRuleSet(compiled.value, { useSecretlint: false });
    // A name each glob takes: wildcards filled in, each choice of a {a,b} set, in both cases.
    const fromGlobs = compiled.value
      .flatMap((rule) => rule.pathGlobs ?? [])
      .flatMap((g) => expandBraces(g))
      .map((g) => g.replace(/\*\*\//g, 'a/b/').replace(/\/\*\*$/, '/c/d.txt').replace(/\*/g, 'x').replace(/\?/g, 'q'))
      .flatMap((p) => [p, p.toUpperCase(), `home/${p}`, `${p}.bak`, `${p}/inner.json`]);
    const fixturePaths = fixtureFiles().flatMap((p) => [p, `home/user/${p}`]);
    const paths = [...new Set([...fixturePaths, ...fromGlobs, 'Documents/Passport Scan.PDF', 'x.zip!credentials', 'notes/SEED.TXT', 'a/.ENV'])];
    let taken = 0;
    // Root names some glob's folder can take, and names none can, whose paths are matched alone
    // (isRootNameSeen): either way the rules are those the path or the name before it takes.
    const seen = ['.aws', 'log', '.ssh', 'wallets', 'Default'];
    const unseen = ['home', 'tree', 'a'];
    expect(seen.filter((name) => !ruleSet.isRootNameSeen(name))).toEqual([]);
    expect(unseen.filter((name) => ruleSet.isRootNameSeen(name))).toEqual([]);
    for (const rootName of ['', ...seen, ...unseen]) {
      for (const path of paths) {
        const candidates = pathCandidates(path, rootName);
        const everyMatcher = ruleSet.pathSensitiveRules.filter((rule) => candidates.some((c) => rule.matchesPath!(c))).map((r) => r.id);
        const { pathRules, gatedRules } = rulesForPath(ruleSet, path, rootName);
        expect([...pathRules, ...gatedRules].map((r) => r.id).sort(), `${rootName}: ${path}`).toEqual(everyMatcher.sort());
        taken += everyMatcher.length;
      }
    }
    expect(paths.length).toBeGreaterThan(2000);
    expect(taken).toBeGreaterThan(2000);
  }, 60_000);

  it('puts the root name before every path when a rule excludes by a glob not starting with **: that exclusion could drop the longer path alone', () => {
    const rule = (id: string, exclude: string[]) => {
      const compiled = compileRules([{ file: 'rules/x.yml', id, name: id, category: 'private-key', severity: 'block', description: 'd', remediation: 'r', path: { include: ['**/*.key'], exclude }, examples: ['a.key', 'b/c.key'], negative_examples: ['a.txt', 'b.pub'] }]);
      if (!compiled.ok) throw new Error(compiled.errors.join('; '));
      return compiled.value;
    };
    expect(createRuleSet(rule('anywhere', ['**/public/**']), { useSecretlint: false }).isRootNameSeen('home')).toBe(false);
    // `vendor/**` holds no segment `home` could be, yet drops `vendor/id.key` and not `home/vendor/id.key`.
    const anchored = createRuleSet(rule('anchored', ['vendor/**']), { useSecretlint: false });
    expect(anchored.isRootNameSeen('home')).toBe(true);
    expect(rulesForPath(anchored, 'vendor/id.key', 'home').pathRules.map((r) => r.id)).toEqual(['anchored']);
  });

  it('keeps only the matchers whose globs can name the file', () => {
    const pick = createMatcherIndex([
      { matcher: 'settings', globs: ['**/settings.json'], isCaseless: false },
      { matcher: 'yaml', globs: ['**/*.{yml,yaml}'], isCaseless: false },
      { matcher: 'passport', globs: ['**/*passport*.pdf'], isCaseless: true },
      { matcher: 'env', globs: ['**/.env.*'], isCaseless: false },
      { matcher: 'logs', globs: ['**/logs/**'], isCaseless: false },
    ]);
    expect(pick('settings.json')).toEqual(['settings', 'env', 'logs']);
    expect(pick('deploy.yaml')).toEqual(['yaml', 'env', 'logs']);
    expect(pick('My Passport.PDF')).toEqual(['passport', 'env', 'logs']);
    expect(pick('Settings.json')).toEqual(['env', 'logs']);
    expect(pick('index.js')).toEqual(['env', 'logs']);
  });
});
