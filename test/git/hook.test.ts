import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fakeGithubToken } from '../helpers/fake-secrets.js';
import { useRepo, type GitRepo } from '../helpers/git-repo.js';

describe('airlock hook', () => {
  const repo = useRepo;
  const commit = (r: GitRepo, ...extra: string[]) =>
    spawnSync('git', ['commit', '-q', '-m', 'change', ...extra], { cwd: r.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('blocks a commit holding a fake token and lets a clean one through', () => {
    const r = repo();
    r.write('README.md', 'hi\n').commit('base');
    const install = runCli(['hook', 'install'], { cwd: r.dir });
    expect(install.status).toBe(0);
    expect(install.stdout).toBe(`installed ${join(r.dir, '.git/hooks/pre-commit')}\n`);

    const token = fakeGithubToken();
    r.write('deploy.sh', `curl -H "Authorization: token ${token}" https://api.github.com\n`);
    r.git('add', 'deploy.sh');
    const blocked = commit(r);
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toContain('NO-GO'); // git sends a hook's output to stderr
    expect(blocked.stdout + blocked.stderr).not.toContain(token);
    expect(r.git('rev-list', '--count', 'HEAD')).toBe('1');

    r.write('deploy.sh', 'curl -H "Authorization: token $GITHUB_TOKEN" https://api.github.com\n');
    r.git('add', 'deploy.sh');
    const clean = commit(r);
    expect(clean.status).toBe(0);
    expect(r.git('rev-list', '--count', 'HEAD')).toBe('2');
  });

  it('respects core.hooksPath', () => {
    const r = repo();
    r.git('config', 'core.hooksPath', '.githooks');
    expect(runCli(['hook', 'install'], { cwd: r.dir }).status).toBe(0);
    expect(existsSync(join(r.dir, '.githooks/pre-commit'))).toBe(true);
    expect(existsSync(join(r.dir, '.git/hooks/pre-commit'))).toBe(false);
  });

  it('refuses to replace a hook it did not write, unless --force, and restores it on uninstall', () => {
    const r = repo();
    const theirs = join(r.dir, '.git/hooks/pre-commit');
    writeFileSync(theirs, '#!/bin/sh\necho theirs\n', { mode: 0o755 });
    const refused = runCli(['hook', 'install'], { cwd: r.dir });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('was not written by airlock; use --force');
    expect(readFileSync(theirs, 'utf8')).toBe('#!/bin/sh\necho theirs\n');

    expect(runCli(['hook', 'install', '--force'], { cwd: r.dir }).status).toBe(0);
    expect(readFileSync(theirs, 'utf8')).toContain('# Installed by airlock');
    expect(readFileSync(`${theirs}.airlock-backup`, 'utf8')).toBe('#!/bin/sh\necho theirs\n');

    const removed = runCli(['hook', 'uninstall'], { cwd: r.dir });
    expect(removed.status).toBe(0);
    expect(readFileSync(theirs, 'utf8')).toBe('#!/bin/sh\necho theirs\n');
    expect(existsSync(`${theirs}.airlock-backup`)).toBe(false);

    const notOurs = runCli(['hook', 'uninstall'], { cwd: r.dir });
    expect(notOurs.status).toBe(2);
    expect(readFileSync(theirs, 'utf8')).toBe('#!/bin/sh\necho theirs\n');
  });

  it('lets --no-verify bypass the hook', () => {
    const r = repo();
    r.write('README.md', 'hi\n').commit('base');
    runCli(['hook', 'install'], { cwd: r.dir });
    r.write('t.txt', `t=${fakeGithubToken()}\n`);
    r.git('add', 't.txt');
    expect(commit(r, '--no-verify').status).toBe(0);
  });
});
