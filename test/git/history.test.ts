import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fakeGithubToken, randomChars } from '../helpers/fake-secrets.js';
import { useRepo } from '../helpers/git-repo.js';
import { useTempDir } from '../helpers/temp-dir.js';

interface Doc {
  verdict: string;
  complete: boolean;
  findings: { ruleId: string; path: string; source: string; commit?: string; line?: number; secret?: string }[];
  skipped: { path: string; reason: string }[];
  notices: string[];
}

const scanJson = (dir: string, ...extra: string[]) => {
  const run = runCli(['scan', dir, '--format', 'json', ...extra]);
  return { run, doc: JSON.parse(run.stdout) as Doc };
};

describe('history in a mounted .git', () => {
  const repo = useRepo;

  it('finds a secret deleted three commits after it was added, with the commit that added it', () => {
    const r = repo();
    const token = fakeGithubToken();
    r.write('README.md', 'hello\n').commit('first');
    const added = r.write('config/settings.js', `export const token = '${token}';\n`).commit('add settings');
    r.write('README.md', 'hello 2\n').commit('second');
    r.write('README.md', 'hello 3\n').commit('third');
    r.git('rm', '-q', 'config/settings.js');
    r.commit('remove settings');

    const { run, doc } = scanJson(r.dir);
    expect(run.status).toBe(1);
    const history = doc.findings.filter((f) => f.source === 'git-history');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ ruleId: 'github-pat', path: 'config/settings.js', commit: added, line: 1 });
    expect(run.stdout).not.toContain(token);

    const without = scanJson(r.dir, '--no-history');
    expect(without.doc.verdict).toBe('go');
    expect(without.run.status).toBe(0);
  });

  it('works after git gc packs the objects (deltas included), and across branches', () => {
    const r = repo();
    const token = fakeGithubToken();
    r.write('big.txt', `${randomChars(4000)}\n`).commit('base');
    r.write('big.txt', `${randomChars(4000)}\nkey = '${token}'\n`).commit('secret');
    r.write('big.txt', `${randomChars(4000)}\n`).commit('clean again');
    r.git('checkout', '-q', '-b', 'feature');
    const onBranch = r.write('branch-only.txt', `t=${fakeGithubToken()}\n`).commit('branch secret');
    r.git('rm', '-q', 'branch-only.txt');
    r.commit('drop it');
    r.git('checkout', '-q', 'main');
    r.git('gc', '-q', '--aggressive');
    expect(r.git('count-objects', '-v')).toMatch(/^count: 0$/m);

    const { doc } = scanJson(r.dir);
    const history = doc.findings.filter((f) => f.source === 'git-history');
    expect(history.map((f) => f.path).sort()).toEqual(['big.txt', 'branch-only.txt']);
    expect(history.find((f) => f.path === 'branch-only.txt')?.commit).toBe(onBranch);
  });

  it('reports a secret only a deleted branch held with its path and commit, and a secret only a loose blob holds under .git/objects', () => {
    const r = repo();
    r.write('README.md', 'hello\n').commit('first');
    r.git('checkout', '-q', '-b', 'experiment');
    const onDeleted = r.write('deploy/keys.env', `GITHUB_TOKEN=${fakeGithubToken()}\n`).commit('try a deploy key');
    r.git('checkout', '-q', 'main');
    r.git('branch', '-q', '-D', 'experiment');
    // No branch, tag or reflog reaches the commit any more; its objects stay until git prunes them.
    r.git('reflog', 'expire', '--expire=now', '--all');
    expect(r.git('rev-list', '--all', '--reflog')).not.toContain(onDeleted);
    // A blob no commit holds at all (as `git add` leaves one): no path to give it.
    const loose = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: r.dir, input: `token: ${fakeGithubToken()}\n`, encoding: 'utf8' }).trim();

    const { run, doc } = scanJson(r.dir);
    expect(run.status).toBe(1);
    const history = doc.findings.filter((f) => f.source === 'git-history');
    expect(history.map((f) => [f.path, f.commit])).toEqual([
      [`.git/objects/${loose.slice(0, 2)}/${loose.slice(2)}`, undefined],
      ['deploy/keys.env', onDeleted],
    ]);
    expect(history.every((f) => f.ruleId === 'github-pat' && f.line === 1)).toBe(true);
  });

  it('does not report a blob again when the same content is in the work tree', () => {
    const r = repo();
    r.write('token.txt', `t=${fakeGithubToken()}\n`).commit('secret, still there');
    const { doc } = scanJson(r.dir);
    expect(doc.findings.map((f) => `${f.source}:${f.path}`)).toEqual(['file:token.txt']);
  });

  it('reads thousands of history blobs through one cat-file, then on a rescan none, or only the new ones', { timeout: 60_000 }, () => {
    const r = repo();
    const token = fakeGithubToken();
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`src/part-${i % 30}/module-${i}.js`] = `export const n${i} = ${i};\n`;
    for (const [path, text] of Object.entries(files)) r.write(path, text);
    r.commit('many files');
    const added = r.write('old/settings.js', `t = '${token}';\n`).commit('add settings');
    r.git('rm', '-q', 'old/settings.js');
    r.commit('remove settings');
    for (const [path, text] of Object.entries(files)) r.write(path, `${text}// changed\n`);
    r.commit('change them all');
    // 3,001 blobs no longer in the work tree: more ids than a pipe holds, fed as git reads them.
    const cache = useTempDir('airlock-history-cache-');
    const scan = () => {
      const run = runCli(['scan', r.dir, '--format', 'json', '--fail-on', 'never'], { env: { AIRLOCK_CACHE_DIR: cache } });
      expect(run.stderr).toBe('');
      return JSON.parse(run.stdout) as Doc & { stats: { history: { blobs: number; read: number; reused: number } } };
    };
    const cold = scan();
    expect(cold.findings.filter((f) => f.source === 'git-history')).toEqual([expect.objectContaining({ path: 'old/settings.js', commit: added })]);
    // Every blob ever committed but those in the work tree: 3,000 first versions and the settings.
    expect(cold.stats.history).toEqual({ blobs: 3001, read: 3001, reused: 0 });
    expect(readdirSync(cache).filter((name) => name.endsWith('.state'))).toHaveLength(1);

    // The same repository: nothing listed, nothing read, the same findings.
    const warm = scan();
    expect(warm.stats.history).toEqual({ blobs: 3001, read: 0, reused: 3001 });
    expect(warm.findings).toEqual(cold.findings);

    // A new commit: the repository changed, so it is listed again, but only the new blob is read.
    r.write('src/part-0/module-0.js', 'export const n0 = -1;\n').commit('one more');
    const after = scan();
    expect(after.stats.history).toEqual({ blobs: 3002, read: 1, reused: 3001 });
    expect(after.findings.filter((f) => f.source === 'git-history')).toEqual(cold.findings.filter((f) => f.source === 'git-history'));
  });

  it('reads each version of a long file where it differs from the one before, and still places and traces a secret added in the middle', () => {
    const r = repo();
    const body = Array.from({ length: 400 }, (_, i) => `value_${i} = "${randomChars(16)}"`);
    const version = (edit: (lines: string[]) => void) => {
      const lines = [...body];
      edit(lines);
      return `${lines.join('\n')}\n`;
    };
    const token = fakeGithubToken();
    r.write('app/settings.py', version(() => {})).commit('first version');
    const added = r.write('app/settings.py', version((l) => (l[200] = `github_token = "${token}"`))).commit('add the token');
    r.write('app/settings.py', version((l) => ((l[200] = `github_token = "${token}"`), (l[10] = 'changed = 1')))).commit('change the top');
    r.write('app/settings.py', version((l) => ((l[200] = `github_token = "${token}"`), (l[390] = 'changed = 2')))).commit('change the end');
    r.write('app/settings.py', version((l) => (l[0] = 'rewritten = 3'))).commit('drop the token');
    const { doc } = scanJson(r.dir, '--no-cache');
    const history = doc.findings.filter((f) => f.source === 'git-history');
    expect(history).toEqual([expect.objectContaining({ ruleId: 'github-pat', path: 'app/settings.py', line: 201, commit: added })]);
  });

  it('names the commit that first added a secret that was removed and added back, cold and warm alike', () => {
    const r = repo();
    const token = fakeGithubToken();
    const first = r.write('deploy.sh', `export GITHUB_TOKEN=${token}\n`).commit('add the token');
    r.write('deploy.sh', 'export GITHUB_TOKEN=$(vault read token)\n').commit('take it out');
    r.write('deploy.sh', `export GITHUB_TOKEN=${token} # back for now\n`).commit('put it back');
    r.write('deploy.sh', 'echo clean\n').commit('clean');
    const cache = useTempDir('airlock-history-cache-');
    for (const run of ['cold', 'warm']) {
      const scanned = runCli(['scan', r.dir, '--format', 'json', '--fail-on', 'never'], { env: { AIRLOCK_CACHE_DIR: cache } });
      const history = (JSON.parse(scanned.stdout) as Doc).findings.filter((f) => f.source === 'git-history');
      expect(history, run).toEqual([expect.objectContaining({ ruleId: 'github-pat', path: 'deploy.sh', commit: first })]);
    }
  });

  it('handles binary and huge blobs like files', () => {
    const r = repo();
    const binary = Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`t=${fakeGithubToken()}`), Buffer.alloc(3000)]);
    r.write('blob.bin', binary).write('huge.txt', `${'a'.repeat(5000)}\nt=${fakeGithubToken()}\n`).commit('binary and huge');
    r.git('rm', '-q', 'blob.bin', 'huge.txt');
    r.commit('gone');
    const { doc } = scanJson(r.dir, '--max-file-size', '4K');
    // A binary blob is read as printable strings, like a binary file: found at its byte offset.
    expect(doc.findings).toEqual([expect.objectContaining({ source: 'git-history', path: 'blob.bin@0x6', file: 'blob.bin', ruleId: 'github-pat' })]);
    expect(doc.complete).toBe(false);
    const outsideGitDir = doc.skipped.filter((s) => !s.path.startsWith('.git/'));
    expect(outsideGitDir).toEqual([expect.objectContaining({ path: 'huge.txt', reason: 'too-large' })]);
  });

  it('finds repositories nested below the root, with root-relative paths', () => {
    const r = repo();
    r.write('app/.keep', '').commit('outer');
    const inner = useRepo();
    const token = fakeGithubToken();
    const added = inner.write('secret.txt', `t=${token}\n`).commit('inner secret');
    inner.git('rm', '-q', 'secret.txt');
    inner.commit('inner clean');
    const { doc } = scanJson(inner.dir.slice(0, inner.dir.lastIndexOf('/')), '--exclude', '*', '--exclude', `!${inner.dir.split('/').pop()}`, '--exclude', `!${inner.dir.split('/').pop()}/**`);
    const history = doc.findings.filter((f) => f.source === 'git-history');
    expect(history).toEqual([expect.objectContaining({ path: `${inner.dir.split('/').pop()}/secret.txt`, commit: added })]);
  });

  it('says once that git is missing, scans the files, and marks the scan incomplete', () => {
    const r = repo();
    r.write('a.txt', 'clean\n').commit('one');
    const run = runCli(['scan', r.dir, '--format', 'json'], { env: { PATH: '/nonexistent', NO_COLOR: '1' } });
    const doc = JSON.parse(run.stdout) as Doc;
    expect(run.stderr.match(/git is not installed/g)).toHaveLength(1);
    expect(doc.notices).toHaveLength(1);
    expect(doc.complete).toBe(false);
    expect(doc.skipped).toEqual([expect.objectContaining({ path: '.git', reason: 'unreadable' })]);
  });
});
