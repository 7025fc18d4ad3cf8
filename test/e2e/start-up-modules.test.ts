import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fakeGithubToken } from '../helpers/fake-secrets.js';
import { useRepo } from '../helpers/git-repo.js';
import { useTempDir } from '../helpers/temp-dir.js';

const PRELOAD = fileURLToPath(new URL('../helpers/preload/modules-loaded.mjs', import.meta.url));
const packagesOf = (stderr: string) => [...stderr.matchAll(/^airlock-test: package (\S+)$/gm)].map((m) => m[1]!);
const modulesOf = (stderr: string) => [...stderr.matchAll(/^airlock-test: module (\S+)$/gm)].map((m) => m[1]!);

describe('what a git hook loads', () => {
  it('does not load the schema library (zod) for `scan --staged`; a configuration file still loads it', () => {
    const repo = useRepo();
    const token = fakeGithubToken();
    repo.write('README.md', '# app\n').commit('start');
    repo.write('deploy.sh', `export GITHUB_TOKEN=${token}\n`);
    repo.git('add', 'deploy.sh');
    const run = (args: string[]) => runCli(['scan', '--staged', '--format', 'json', ...args], { cwd: repo.dir, nodeArgs: ['--import', PRELOAD] });
    // Twice: the first run fills the rules cache (and validates the rule files with the schema).
    run([]);
    const staged = run([]);
    expect(staged.status, staged.stderr).toBe(1);
    expect(JSON.parse(staged.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('github-pat');
    expect(packagesOf(staged.stderr)).not.toContain('zod');
    // secretlint's github rule is woken by `ghp_`, but could only report the token our rule
    // reported: its code is not loaded. A `ghp_` elsewhere in the commit does load it.
    expect(packagesOf(staged.stderr).filter((p) => p.startsWith('@secretlint/'))).toEqual([]);
    // airlock itself comes from the bundle (scripts/bundle.ts): past bin.js and what it needs
    // before the commands load (the allocator, the compile cache), its core and the format printed.
    const modules = modulesOf(staged.stderr);
    expect(modules.filter((m) => !m.startsWith('bundle/')).every((m) => m === 'bin.js' || /^(cli|pipeline)\/[\w-]+\.js$/.test(m)), modules.join(' ')).toBe(true);
    expect(modules).toEqual(expect.arrayContaining(['bin.js', 'bundle/main', 'bundle/core', 'bundle/json']));
    expect(modules.filter((m) => m.startsWith('bundle/'))).toHaveLength(3);
    // Not the other formats, the help text or the mount planner; nor the worker pool (small
    // staged files are scanned on the main thread), nor an archive reader (no archive staged).
    const others = /^bundle\/(html|sarif|markdown|help-text|plan-scan|plan-mounts|render-for-target|targets|pool|progress|unfinished-report|zip|tar|asar|compressed|chunk-reader)$/;
    expect(modules.filter((m) => others.test(m))).toEqual([]);
    repo.write('docs/tokens.md', 'Classic tokens start with ghp_ and fine-grained ones with github_pat_.\n');
    repo.git('add', 'docs/tokens.md');
    const mentioned = run([]);
    expect(mentioned.status, mentioned.stderr).toBe(1);
    expect(packagesOf(mentioned.stderr)).toContain('@secretlint/secretlint-rule-preset-recommend');
    const help = runCli(['scan', '--help'], { cwd: repo.dir, nodeArgs: ['--import', PRELOAD] });
    expect(help.stdout).toContain('--staged');
    expect(modulesOf(help.stderr)).toContain('bundle/help-text');
    // The hook sees what loads: reading a configuration does load the schema.
    const config = join(useTempDir(), 'airlock.yml');
    writeFileSync(config, 'data:\n  severity: review\n');
    const configured = run(['--config', config]);
    expect(configured.status, configured.stderr).toBe(1);
    expect(packagesOf(configured.stderr)).toContain('zod');
  });
});
