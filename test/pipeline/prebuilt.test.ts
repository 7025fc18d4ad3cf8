import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_DIR, runCli } from '../helpers/cli.js';
import { fakeGithubToken } from '../helpers/fake-secrets.js';
import { writeTestRules } from '../helpers/rules.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

const PRELOAD = fileURLToPath(new URL('../helpers/preload/modules-loaded.mjs', import.meta.url));
const PREBUILT = join(REPO_DIR, 'dist', 'prebuilt');
const packagesOf = (stderr: string) => [...stderr.matchAll(/^airlock-test: package (\S+)$/gm)].map((m) => m[1]!);

describe('the rules prebuilt by the build', () => {
  it('serve a first scan with an empty cache folder, which then holds a copy; and a scan with no cache folder', () => {
    const prebuilt = readdirSync(PREBUILT).sort();
    expect(prebuilt.filter((name) => /^rules-[0-9a-f]{32}\.json$|^prefilter-[0-9a-f]{32}\.bin$/.test(name))).toHaveLength(2);
    const root = useTempDir();
    writeTree(root, { 'deploy.sh': `export GITHUB_TOKEN=${fakeGithubToken()}\n` });
    const cache = join(useTempDir(), 'cache');
    const scan = (env: Record<string, string>, extra: string[] = []) => runCli(['scan', root, '--format', 'json', ...extra], { env, nodeArgs: ['--import', PRELOAD] });
    const first = scan({ AIRLOCK_CACHE_DIR: cache });
    expect(first.status, first.stderr).toBe(1);
    expect(JSON.parse(first.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['github-pat']);
    // No rule file parsed: the schema library that checks them not loaded.
    expect(packagesOf(first.stderr)).not.toContain('zod');
    for (const name of prebuilt) expect(readFileSync(join(cache, name)).equals(readFileSync(join(PREBUILT, name))), name).toBe(true);
    const uncached = scan({ AIRLOCK_CACHE_DIR: 'off' });
    expect(JSON.parse(uncached.stdout).findings).toEqual(JSON.parse(first.stdout).findings);
    expect(packagesOf(uncached.stderr)).not.toContain('zod');
  });

  it('do not serve a scan with rules of the user besides, whose rule files they were not built from', () => {
    const root = useTempDir();
    writeTree(root, { 'notes.txt': 'nothing here\n' });
    const rules = writeTestRules(useTempDir());
    const run = runCli(['scan', root, '--format', 'json', '--rules', rules], { env: { AIRLOCK_CACHE_DIR: join(useTempDir(), 'cache') }, nodeArgs: ['--import', PRELOAD] });
    expect(run.status, run.stderr).toBe(0);
    expect(packagesOf(run.stderr)).toContain('zod');
  });
});
