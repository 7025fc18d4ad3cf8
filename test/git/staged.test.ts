import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fakeGithubToken } from '../helpers/fake-secrets.js';
import { useRepo, type GitRepo } from '../helpers/git-repo.js';
import { blobSizes } from '../../src/git/staged.js';

interface Doc {
  verdict: string;
  roots: string[];
  findings: { ruleId: string; path: string; source: string; line?: number; locations?: { path: string }[] }[];
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

  // Past 255 blobs the workers read them from git (a vendored node_modules took 150 s on the main thread).
  it.each([60, 600])('scans every staged path of a commit of %i files and more, a blob shared by paths once per path, and skips one over the size limit', { timeout: 60_000 }, (modules) => {
    const r = repo();
    r.write('README.md', 'hi\n').commit('base');
    const shared = `token = "${fakeGithubToken()}"\n`;
    for (let i = 0; i < modules; i++) r.write(`src/module-${i}.js`, `export const value${i} = ${i};\n`);
    for (const path of ['a/one.env', 'b/two.env', 'c/three.env']) r.write(path, shared);
    r.write('big/data.txt', `${'x'.repeat(70 * 1024)}\n`);
    r.git('add', '-A');
    const run = staged(r, '--max-file-size', '64KB');
    expect(run.status, run.stderr).toBe(1);
    const doc = JSON.parse(run.stdout) as Doc & { stats: { files: number }; skipped: { path: string; reason: string }[] };
    // One secret, one finding: the other paths that hold it are its further locations.
    const token = doc.findings.filter((f) => f.ruleId === 'github-pat');
    expect(token).toHaveLength(1);
    expect([token[0]!.path, ...(token[0]!.locations ?? []).map((l) => l.path)].sort()).toEqual(['a/one.env', 'b/two.env', 'c/three.env']);
    expect(doc.stats.files).toBe(modules + 4);
    expect(doc.skipped.map((s) => [s.path, s.reason])).toEqual([['big/data.txt', 'too-large']]);
  });

  it('knows the size of each staged blob before reading it, and which ids git lacks', async () => {
    const r = repo();
    r.write('a.txt', 'four').write('b.txt', 'x'.repeat(70_000));
    r.git('add', '-A');
    const [a, b] = ['a.txt', 'b.txt'].map((path) => r.git('rev-parse', `:${path}`));
    const absent = 'f'.repeat(40);
    const sizes = await blobSizes({ repoRoot: r.dir, gitDir: `${r.dir}/.git` }, [a!, b!, absent]);
    expect(sizes.ok && [...sizes.value]).toEqual([
      [a, 4],
      [b, 70_000],
    ]);
  });

  it('reports rules that do not load (exit 2)', () => {
    const r = repo();
    r.write('app.js', `const t = '${fakeGithubToken()}';\n`);
    r.git('add', 'app.js');
    const run = runCli(['scan', '--staged', '--rules', '/nonexistent/airlock-rules'], { cwd: r.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('/nonexistent/airlock-rules');
    expect(run.stdout).toBe('');
  });

  it('is a clear error outside a git repository (exit 2)', () => {
    const run = runCli(['scan', '--staged'], { cwd: '/' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('airlock: --staged needs a git repository: / is not inside one\n');
  });
});
