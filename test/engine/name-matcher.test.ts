import { describe, expect, it } from 'vitest';
import glob from 'fast-glob';
import picomatch from 'picomatch';
import { createNameMatcher, createPathGate } from '../../src/engine/name-matcher.js';
import { compileRules } from '../../src/rules/compile.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/load.js';

const GLOBS = ['.env', 'id_rsa', '*.p12', 'id_*', 'msal_token_cache.{json,bin}', 'bitwarden_export_*.{json,csv}', '.*_history', 'data?.db'];
const NAMES = ['.env', '.env.local', 'id_rsa', 'id_rsa.pub', 'cert.p12', 'p12', 'msal_token_cache.bin', 'msal_token_cache.txt', 'bitwarden_export_2024.csv', '.bash_history', 'bash_history', 'data1.db', 'data12.db', 'index.js'];

describe('createNameMatcher', () => {
  it('agrees with picomatch on single-segment globs', () => {
    const matcher = createNameMatcher(GLOBS);
    const reference = picomatch(GLOBS, { dot: true });
    for (const name of NAMES) expect(matcher(name), name).toBe(reference(name));
  });

  it('matches everything when a glob has nothing to hold on to, nothing when there are no globs', () => {
    expect(createNameMatcher(['*'])('anything')).toBe(true);
    expect(createNameMatcher(['a[bc]'])('zzz')).toBe(true); // richer syntax: never wrongly excludes
    expect(createNameMatcher([])('anything')).toBe(false);
  });
});

describe('path gates in front of the rules\' globs', () => {
  it('never change what a built-in rule\'s globs decide, on every fixture path and its deeper variants', async () => {
    const definitions = await loadRules([BUILTIN_RULES_DIR]);
    if (!definitions.ok) throw new Error(definitions.errors.join('\n'));
    const compiled = compileRules(definitions.value);
    if (!compiled.ok) throw new Error(compiled.errors.join('\n'));
    const fixturePaths = (await glob('**', { cwd: 'fixtures', dot: true })).flatMap((p) => [p, `home/user/${p}`, p.split('/').slice(1).join('/')]);
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
