import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fakeGithubToken } from '../helpers/fake-secrets.js';
import { useRepo, type GitRepo } from '../helpers/git-repo.js';

interface Doc {
  verdict: string;
  roots: string[];
  findings: { ruleId: string; path: string; source: string; line?: number }[];
}

describe('airlock scan --staged', () => {
  const repo = useRepo;
  const staged = (r: GitRepo, ...extra: string[]) => runCli(['scan', '--staged', '--format', 'json', ...extra], { cwd: r.dir });

  it('catches a secret that is only in the index, at its staged line', () => {
    const r = repo();
    r.write('app.js', 'one\n').commit('base');
    r.write('app.js', `one\ntwo\nconst t = '${fakeGithubToken()}';\n`);
    r.git('add', 'app.js');
    r.write('app.js', 'one\n'); // the working tree no longer has it; the commit would
    const run = staged(r);
    const doc = JSON.parse(run.stdout) as Doc;
    expect(run.status).toBe(1);
    expect(doc.roots).toEqual([r.git('rev-parse', '--show-toplevel')]);
    expect(doc.findings).toEqual([expect.objectContaining({ ruleId: 'github-pat', path: 'app.js', source: 'staged', line: 3 })]);
  });

  it('ignores a secret that is not staged', () => {
    const r = repo();
    r.write('app.js', 'one\n').commit('base');
    r.write('app.js', `const t = '${fakeGithubToken()}';\n`).write('new.js', `x = '${fakeGithubToken()}'\n`);
    const run = staged(r);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as Doc).verdict).toBe('go');
  });

  it('works before the first commit and from a subfolder, limited by pathspecs', () => {
    const r = repo();
    r.write('a/secret.txt', `t=${fakeGithubToken()}\n`).write('b/clean.txt', 'hello\n');
    r.git('add', '-A');
    const all = runCli(['scan', '--staged', '--format', 'json'], { cwd: `${r.dir}/b` });
    expect((JSON.parse(all.stdout) as Doc).findings.map((f) => f.path)).toEqual(['a/secret.txt']);
    const limited = runCli(['scan', '--staged', '--format', 'json', '--', 'b'], { cwd: r.dir });
    expect(limited.status).toBe(0);
  });

  it('is a clear error outside a git repository (exit 2)', () => {
    const run = runCli(['scan', '--staged'], { cwd: '/' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('airlock: --staged needs a git repository: / is not inside one\n');
  });
});
