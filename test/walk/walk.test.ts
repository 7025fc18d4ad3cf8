import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkRoot, type WalkLog } from '../../src/walk/walk.js';
import { runCli, scanJson } from '../helpers/cli.js';
import { fakeTestToken } from '../helpers/fake-secrets.js';
import { writeTestRules } from '../helpers/rules.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';
import { unprivileged } from '../helpers/unprivileged.js';

async function walk(root: string) {
  const log: WalkLog = { skipped: [], escapes: [] };
  const files: string[] = [];
  for await (const batch of walkRoot(root, [], log)) {
    for (const entry of batch) {
      expect(entry).toEqual({ root, path: entry.path, absolutePath: join(root, entry.path) });
      files.push(entry.path);
    }
  }
  return { files: files.sort(), skipped: log.skipped, escapes: log.escapes };
}

/** Every regular file under `dir`, listed without airlock's code, as relative POSIX paths. */
function regularFiles(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return regularFiles(path, root);
      return entry.isFile() ? [relative(root, path)] : [];
    })
    .sort();
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });

/** A scan root and, beside it, a rule folder and an outside folder, all in one temp dir. */
function setup() {
  const base = useTempDir();
  const root = join(base, 'root');
  const outside = join(base, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  return { base, root, outside, rules: writeTestRules(base) };
}

describe('walkRoot', () => {
  it('finds dotfiles and files in dot-folders', async () => {
    const { root } = setup();
    writeTree(root, { '.env': 'A=1', '.config/gh/hosts.yml': 'x', 'src/.hidden/.keep': '', 'visible.txt': 'x' });
    expect((await walk(root)).files).toEqual(['.config/gh/hosts.yml', '.env', 'src/.hidden/.keep', 'visible.txt']);
  });

  it('walks git-ignored files, node_modules and the .git folder: every regular file a mount exposes', async () => {
    const { root } = setup();
    git(root, 'init', '-q');
    writeTree(root, {
      '.gitignore': '.env\nsecrets/\nnode_modules/\n*.log\n',
      '.env': 'A=1',
      'secrets/prod.txt': 'x',
      'debug.log': 'x',
      'node_modules/left-pad/index.js': 'x',
      'node_modules/.bin/.npmrc': 'x',
      'src/app.ts': 'x',
    });
    git(root, 'add', '.gitignore', 'src/app.ts');
    git(root, '-c', 'user.name=t', '-c', 'user.email=t@t.invalid', 'commit', '-qm', 'init');
    const { files, skipped, escapes } = await walk(root);
    expect(files).toEqual(regularFiles(root));
    expect(files).toEqual(expect.arrayContaining(['.env', 'secrets/prod.txt', 'debug.log', 'node_modules/left-pad/index.js', 'node_modules/.bin/.npmrc', '.git/HEAD', '.git/config', '.git/index']));
    // The object database (history) is walked too: one loose file per object git lists.
    const objects = git(root, 'rev-list', '--objects', '--all').toString().trim().split('\n').map((line) => line.slice(0, 40));
    expect(files.filter((f) => f.startsWith('.git/objects/'))).toEqual(objects.map((id) => `.git/objects/${id.slice(0, 2)}/${id.slice(2)}`).sort());
    expect(objects).toHaveLength(5); // a commit, two trees, two blobs
    expect({ skipped, escapes }).toEqual({ skipped: [], escapes: [] });
  });

  it('logs a link to a file outside the root as an escape, and does not follow it', async () => {
    const { root, outside } = setup();
    writeTree(outside, { 'id_rsa': 'x' });
    symlinkSync(join(outside, 'id_rsa'), join(root, 'key'));
    expect(await walk(root)).toEqual({ files: [], skipped: [], escapes: [{ root, path: 'key', target: join(realpathSync(outside), 'id_rsa') }] });
  });

  it.each([
    ['a relative link to a folder outside', (root: string, outside: string) => symlinkSync('../outside', join(root, 'up')), 'up', (outside: string) => outside],
    ['a link to /', (root: string) => symlinkSync('/', join(root, 'slash')), 'slash', () => '/'],
    ['a dangling link outside', (root: string, outside: string) => symlinkSync(join(outside, 'gone'), join(root, 'gone')), 'gone', (outside: string) => join(outside, 'gone')],
    ['a link to a sibling whose name starts like the root', (root: string) => symlinkSync(`${root}-sibling`, join(root, 'sib')), 'sib', (outside: string) => join(outside, '..', 'root-sibling')],
  ])('logs %s as an escape', async (_, link, path, target) => {
    const { root, outside } = setup();
    writeTree(outside, { 'secret.txt': 'x' });
    mkdirSync(`${root}-sibling`);
    link(root, outside);
    expect(await walk(root)).toEqual({ files: [], skipped: [], escapes: [{ root, path, target: join(target(realpathSync(outside))) }] });
  });

  it('does not log links that stay inside the root, and does not follow them', async () => {
    const { root } = setup();
    writeTree(root, { 'real/config.txt': 'x' });
    symlinkSync('real/config.txt', join(root, 'alias.txt'));
    symlinkSync(join(root, 'real'), join(root, 'real-again'));
    symlinkSync('.', join(root, 'self'));
    symlinkSync('missing-inside', join(root, 'dangling-inside'));
    expect(await walk(root)).toEqual({ files: ['real/config.txt'], skipped: [], escapes: [] });
  });

  it('judges links against the real root when the root is reached through a link', async () => {
    const { base, root } = setup();
    writeTree(root, { 'real/config.txt': 'x' });
    symlinkSync(join(root, 'real', 'config.txt'), join(root, 'absolute-inside'));
    symlinkSync('real/config.txt', join(root, 'relative-inside'));
    symlinkSync('not-there-yet', join(root, 'real', 'dangling-inside'));
    const viaLink = join(base, 'root-link');
    symlinkSync(root, viaLink);
    expect(await walk(viaLink)).toEqual({ files: ['real/config.txt'], skipped: [], escapes: [] });
  });

  it('walks names with a line break like any other (links and FIFOs in such folders too)', async () => {
    const { root, outside } = setup();
    writeTree(root, { 'a\nb.txt': 'x', 'c\rd.txt': 'x', 'e\u2028f': 'x', 'g\u2029h': 'x', 'dir\nname/inner.txt': 'x', 'dir\nname/deeper\r/x\ny': 'x', 'fine\tname.txt': 'x' });
    symlinkSync(outside, join(root, 'dir\nname', 'out\nlink'));
    execFileSync('mkfifo', [join(root, 'dir\nname', 'pipe\n')]);
    const { files, skipped, escapes } = await walk(root);
    expect(files).toEqual(['a\nb.txt', 'c\rd.txt', 'dir\nname/deeper\r/x\ny', 'dir\nname/inner.txt', 'e\u2028f', 'fine\tname.txt', 'g\u2029h']);
    expect(escapes).toEqual([{ root, path: 'dir\nname/out\nlink', target: realpathSync(outside) }]);
    expect(skipped).toEqual([{ root, path: 'dir\nname/pipe\n', reason: 'not-regular-file', detail: 'FIFO, socket or device: never opened' }]);
  });

  it('lists a name that is not valid UTF-8 as skipped: no string path can open it', async () => {
    const { root } = setup();
    writeTree(root, { 'ok.txt': 'x', 'valid\ufffdname.txt': 'x' });
    const rawDir = Buffer.concat([Buffer.from(root), Buffer.from('/')]);
    writeFileSync(Buffer.concat([rawDir, Buffer.from([0x6c, 0x61, 0x74, 0xe9, 0x2e, 0x74, 0x78, 0x74])]), 'x'); // "lat\xe9.txt" (Latin-1)
    mkdirSync(Buffer.concat([rawDir, Buffer.from([0x64, 0xff])]));
    const { files, skipped } = await walk(root);
    expect(files).toEqual(['ok.txt', 'valid\ufffdname.txt']);
    const detail = 'name is not valid UTF-8, so no path can open it: not scanned';
    expect([...skipped].sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { root, path: 'd\ufffd', reason: 'unreadable', detail },
      { root, path: 'lat\ufffd.txt', reason: 'unreadable', detail },
    ]);
  });

  it('lists a FIFO as skipped, never opening it', async () => {
    const { root } = setup();
    writeTree(root, { 'a.txt': 'x' });
    execFileSync('mkfifo', [join(root, 'pipe')]);
    expect(await walk(root)).toEqual({
      files: ['a.txt'],
      skipped: [{ root, path: 'pipe', reason: 'not-regular-file', detail: 'FIFO, socket or device: never opened' }],
      escapes: [],
    });
  });
});

describe('airlock scan: what the walk exposes', () => {
  it('reports secrets in dotfiles, git-ignored files, node_modules and .git', () => {
    const { root, rules } = setup();
    git(root, 'init', '-q');
    const tokens = [fakeTestToken(), fakeTestToken(), fakeTestToken(), fakeTestToken()];
    writeTree(root, {
      '.gitignore': '.env.local\n',
      '.env.local': `API_TOKEN=${tokens[0]}\n`,
      'node_modules/evil/.npmrc': `# left by a package\n  token=${tokens[1]}\n`,
      '.git/COMMIT_EDITMSG': `oops, pasted ${tokens[2]}\n`,
      '.config/tool/credentials': `\n\n${tokens[3]}`,
    });
    const { status, report } = scanJson(['--rules', rules, root]);
    expect(status).toBe(1);
    expect(report.verdict).toBe('no-go');
    expect(report.findings.map(({ ruleId, path, line, column }) => ({ ruleId, path, line, column }))).toEqual([
      { ruleId: 'fake-token', path: '.config/tool/credentials', line: 3, column: 1 },
      { ruleId: 'fake-token', path: '.env.local', line: 1, column: 11 },
      { ruleId: 'fake-token', path: '.git/COMMIT_EDITMSG', line: 1, column: 14 },
      { ruleId: 'fake-token', path: 'node_modules/evil/.npmrc', line: 2, column: 9 },
    ]);
  });

  it('reports a link to a file outside the root as a symlink-escape finding to review', () => {
    const { root, outside, rules } = setup();
    writeTree(outside, { 'credentials': `${fakeTestToken()}\n` });
    symlinkSync(join(outside, 'credentials'), join(root, 'creds'));
    writeTree(root, { 'inside.txt': 'nothing here' });
    symlinkSync('inside.txt', join(root, 'inside-link'));
    const { status, report } = scanJson(['--rules', rules, root]);
    expect(status).toBe(0);
    expect(report.verdict).toBe('review');
    expect(report.findings).toEqual([
      {
        ruleId: 'symlink-escape',
        category: 'symlink-escape',
        severity: 'review',
        root,
        path: 'creds',
        source: 'file',
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        message: `Link leaves the folder: it points to ${join(outside, 'credentials')}. Mounted into a container or VM it resolves inside the sandbox (to the sandbox's own file of that name, or to nothing); a tool that runs on this machine (Claude Code's permission rules) would follow it to this machine's file`,
        remediation: 'Remove the link or exclude it; mount its target explicitly if it is meant to be shared.',
      },
    ]);
    expect(report.stats.files).toBe(1);
  });

  it('lists a FIFO as skipped and finishes (the scan does not block on it)', () => {
    const { root, rules } = setup();
    writeTree(root, { 'a.txt': 'x' });
    execFileSync('mkfifo', [join(root, 'pipe')]);
    const started = Date.now();
    const { status, report } = scanJson(['--rules', rules, root], { timeoutMs: 15_000 });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(status).toBe(0);
    expect({ verdict: report.verdict, complete: report.complete, skipped: report.skipped, files: report.stats.files }).toEqual({
      verdict: 'go',
      complete: true,
      skipped: [{ root, path: 'pipe', reason: 'not-regular-file', detail: 'FIFO, socket or device: never opened' }],
      files: 1,
    });
  });
});

describe('airlock scan: unreadable files and folders', () => {
  const how = unprivileged();

  it(`skips an unreadable file and folder as "unreadable" and marks the scan incomplete (run as ${how.name})`, () => {
    const { root, rules, base } = setup();
    chmodSync(base, 0o755);
    chmodSync(root, 0o755);
    chmodSync(rules, 0o755);
    const token = fakeTestToken();
    writeTree(root, { 'readable.txt': `token ${token}\n`, 'locked.txt': `token ${fakeTestToken()}\n`, 'private/inner.txt': `token ${fakeTestToken()}\n` });
    chmodSync(join(root, 'locked.txt'), 0o000);
    chmodSync(join(root, 'private'), 0o000);
    expect(lstatSync(join(root, 'locked.txt')).mode & 0o777).toBe(0);

    const { status, report } = scanJson(['--rules', rules, root], { wrapper: how.wrapper });
    expect(status).toBe(1);
    expect(report.complete).toBe(false);
    expect([...report.skipped].sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { root, path: 'locked.txt', reason: 'unreadable', detail: 'EACCES: cannot open' },
      { root, path: 'private', reason: 'unreadable', detail: 'EACCES: cannot list folder' },
    ]);
    expect(report.findings.map((f) => [f.ruleId, f.path, f.line])).toEqual([['fake-token', 'readable.txt', 1]]);
    expect(report.stats.files).toBe(2);

    const text = runCli(['scan', '--rules', rules, root], { wrapper: how.wrapper });
    expect(text.stdout).toContain('\nNot scanned (2):\n');
    expect(text.stdout).toMatch(/\nNO-GO {2}1 blocking — INCOMPLETE: 2 items not scanned\n\nMount plan/);
  });
});
