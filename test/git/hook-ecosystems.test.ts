import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { BIN, REPO_DIR } from '../helpers/cli.js';
import { fakeGithubToken } from '../helpers/fake-secrets.js';
import { useRepo, type GitRepo } from '../helpers/git-repo.js';
import { useTempDir } from '../helpers/temp-dir.js';

const README = readFileSync(join(REPO_DIR, 'README.md'), 'utf8');
const README_GIT = README.slice(README.indexOf('**Pre-commit.**'), README.indexOf('## Rules'));

/** The fenced blocks of README's pre-commit section in a language, unindented. */
const blocks = (language: string) =>
  [...README_GIT.matchAll(/^( *)```(\w*)\n([\s\S]*?)^\1```$/gm)].filter((m) => m[2] === language).map((m) => m[3]!.split('\n').map((l) => l.slice(m[1]!.length)).join('\n'));

interface ManifestHook { id: string; entry: string; language: string; pass_filenames: boolean; always_run: boolean; stages: string[]; minimum_pre_commit_version?: string }
const MANIFEST = parseYaml(readFileSync(join(REPO_DIR, '.pre-commit-hooks.yaml'), 'utf8')) as ManifestHook[];

/** An `airlock` command on PATH, as `npm install -g` gives one: the built CLI. */
function airlockOnPath(): string {
  const bin = join(useTempDir('airlock-path-'), 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'airlock'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'airlock'), 0o755);
  return bin;
}

function writeHook(file: string, script: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, script);
  chmodSync(file, 0o755);
}

/** A real `git commit` with the hook in place, `airlock` on PATH; the exit code and what git printed. */
function commit(r: GitRepo, bin: string) {
  const run = spawnSync('git', ['commit', '-q', '-m', 'change'], { cwd: r.dir, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1' } });
  return { status: run.status, output: run.stdout + run.stderr };
}

/** Stages a file with a fake token: the commit must be refused; then a clean version: it must be made. */
function expectRefusesTheTokenOnly(r: GitRepo, bin: string): void {
  const token = fakeGithubToken();
  r.write('deploy.sh', `curl -H "Authorization: token ${token}" https://api.github.com\n`);
  r.git('add', 'deploy.sh');
  const refused = commit(r, bin);
  expect(refused.status).toBe(1);
  expect(refused.output).toContain('NO-GO');
  expect(refused.output).not.toContain(token);
  expect(r.git('rev-list', '--count', 'HEAD')).toBe('1');

  r.write('deploy.sh', 'curl -H "Authorization: token $GITHUB_TOKEN" https://api.github.com\n');
  r.git('add', 'deploy.sh');
  const made = commit(r, bin);
  expect(made.status, made.output).toBe(0);
  expect(r.git('rev-list', '--count', 'HEAD')).toBe('2');
}

/** A repository with one commit made before any hook is in place. */
function repoWithBase(): GitRepo {
  const r = useRepo();
  r.write('README.md', 'hi\n').commit('base');
  return r;
}

/** The words of a pre-commit `entry` as the framework splits it (shlex; these entries need no quotes). */
const words = (entry: string) => {
  expect(entry).toMatch(/^[\w -]+$/);
  return entry.split(/\s+/);
};

describe('pre-commit ecosystems, each with a real git commit', () => {
  it('.pre-commit-hooks.yaml: one system hook that reads the index itself and runs on every commit', () => {
    expect(MANIFEST).toHaveLength(1);
    const [hook] = MANIFEST;
    // The keys pre-commit's manifest knows (a typo would be ignored, or refused by a newer pre-commit).
    const KNOWN = ['id', 'name', 'entry', 'language', 'alias', 'files', 'exclude', 'types', 'types_or', 'exclude_types', 'additional_dependencies', 'args', 'always_run', 'fail_fast', 'pass_filenames', 'description', 'language_version', 'log_file', 'require_serial', 'stages', 'verbose', 'minimum_pre_commit_version'];
    expect(Object.keys(hook!).filter((key) => !KNOWN.includes(key))).toEqual([]);
    expect(hook).toMatchObject({ id: 'airlock', entry: 'airlock scan --staged', language: 'system', pass_filenames: false, always_run: true, stages: ['pre-commit'], minimum_pre_commit_version: '3.2.0' });
  });

  it('pre-commit: the manifest hook, run the way the framework runs a system hook (entry words, no file names), refuses the token', () => {
    const [hook] = MANIFEST;
    const r = repoWithBase();
    // pre-commit's hook script calls the framework, which runs the entry from the top of the work tree.
    writeHook(join(r.dir, '.git/hooks/pre-commit'), `#!/bin/sh\ncd "$(git rev-parse --show-toplevel)" && exec ${words(hook!.entry).join(' ')}\n`);
    expectRefusesTheTokenOnly(r, airlockOnPath());
  });

  it('pre-commit: README\'s local hook is the manifest\'s hook', () => {
    const [config] = blocks('yaml').filter((b) => b.includes('repo: local')).map((b) => parseYaml(b) as { repos: { repo: string; hooks: Record<string, unknown>[] }[] });
    const { minimum_pre_commit_version: _version, description: _description, ...shipped } = MANIFEST[0] as ManifestHook & { description: string };
    expect(config!.repos[0]!.hooks[0]).toEqual(shipped);
  });

  it('husky: README\'s .husky/pre-commit, run as husky runs it (sh -e from core.hooksPath), refuses the token', () => {
    const [script] = blocks('sh');
    expect(script).toBe('airlock scan --staged\n');
    const r = repoWithBase();
    writeHook(join(r.dir, '.husky/pre-commit'), script!);
    writeHook(join(r.dir, '.husky/_/pre-commit'), '#!/bin/sh\nexec sh -e .husky/pre-commit "$@"\n');
    r.git('config', 'core.hooksPath', '.husky/_');
    expectRefusesTheTokenOnly(r, airlockOnPath());
  });

  it('lefthook: README\'s lefthook.yml command, run as lefthook runs it (sh -c), refuses the token', () => {
    const [config] = blocks('yaml').filter((b) => b.startsWith('pre-commit:')).map((b) => parseYaml(b) as { 'pre-commit': { commands: Record<string, { run: string }> } });
    const { run } = config!['pre-commit'].commands.airlock!;
    const r = repoWithBase();
    writeHook(join(r.dir, '.git/hooks/pre-commit'), `#!/bin/sh\nexec sh -c ${JSON.stringify(run)}\n`);
    expectRefusesTheTokenOnly(r, airlockOnPath());
  });
});
