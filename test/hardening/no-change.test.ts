import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, constants, cpSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, inParallel, runCliAsync } from '../helpers/cli.js';
import { fakeGithubToken, fakeTestToken } from '../helpers/fake-secrets.js';
import { useSeededCache } from '../helpers/regex-verdicts.js';
import { writeTestRules } from '../helpers/rules.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

/**
 * Never changes what it scans: the whole fixture tree is hashed (names, kinds, contents,
 * modes, owners, sizes, inodes, mtimes, ctimes, link targets, and atimes) before and after
 * every read-only command, and must be identical.
 *
 * atimes: the disk is mounted `relatime`, which updates a file's atime when it is read and
 * its atime is not after its mtime; so every atime is set a day before its mtime first, and
 * any read that does not use O_NOATIME shows. airlock opens files with O_NOATIME (it owns
 * them here), so the atimes of every file it reads must not move. Two kinds of read are not
 * airlock's to control and are left out of the atime comparison, checked to be exactly
 * those: listing a folder or reading where a link points (the kernel updates the folder's or
 * link's atime; Node cannot list a folder or read a link with O_NOATIME), and git reading its
 * own object database for the history scan.
 * (`airlock plan` and `airlock audit` do not exist on this branch yet; `hook install`
 * writes into .git/hooks by design and is not part of this test.)
 */

interface Entry {
  kind: string;
  mode: number;
  uid: number;
  gid: number;
  size: bigint;
  ino: bigint;
  nlink: bigint;
  mtime: bigint;
  ctime: bigint;
  atime: bigint;
  content?: string;
}

function readWithoutAtime(path: Buffer): Buffer {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOATIME);
  try {
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Every entry under `root`, keyed by its raw name bytes (hex), so that no name is lost. */
function snapshot(root: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const visit = (path: Buffer, key: string) => {
    const stats = lstatSync(path, { bigint: true });
    const kind = stats.isFile() ? 'file' : stats.isDirectory() ? 'dir' : stats.isSymbolicLink() ? 'link' : stats.isFIFO() ? 'fifo' : 'other';
    const entry: Entry = {
      kind,
      mode: Number(stats.mode),
      uid: Number(stats.uid),
      gid: Number(stats.gid),
      size: stats.size,
      ino: stats.ino,
      nlink: stats.nlink,
      mtime: stats.mtimeNs,
      ctime: stats.ctimeNs,
      atime: stats.atimeNs,
    };
    // Reading the file to hash it must not move its atime either.
    if (kind === 'file') entry.content = createHash('sha256').update(readWithoutAtime(path)).digest('hex');
    if (kind === 'link') entry.content = readlinkSync(path, { encoding: 'buffer' }).toString('hex');
    if (kind === 'dir') {
      const names = readdirSync(path, { encoding: 'buffer' }).sort(Buffer.compare);
      entry.content = names.map((n) => n.toString('hex')).join(',');
      for (const name of names) visit(Buffer.concat([path, Buffer.from('/'), name]), `${key}/${name.toString('hex')}`);
    }
    entries.set(key, entry);
  };
  visit(Buffer.from(root), '.');
  return entries;
}

const DAY_S = 24 * 60 * 60;

/** Sets every atime a day before its mtime (both in the past), so that any plain read moves it. */
function armAtimes(root: string): void {
  const now = Date.now() / 1000;
  const arm = (path: Buffer) => {
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) return;
    if (stats.isDirectory()) for (const name of readdirSync(path, { encoding: 'buffer' })) arm(Buffer.concat([path, Buffer.from('/'), name]));
    if (stats.isFile() || stats.isDirectory()) utimesSync(path, now - 2 * DAY_S, now - DAY_S);
  };
  arm(Buffer.from(root));
}

const decodeKey = (key: string) => key.split('/').map((part) => (part === '.' ? '.' : Buffer.from(part, 'hex').toString()));

describe('never changes what it scans', () => {
  const cache = useSeededCache();

  it('leaves the tree identical after scan (every format, history, --staged, the cache pointed inside it), rules test and rules list', async () => {
    const base = useTempDir('airlock-nochange-');
    const root = join(base, 'project');
    cpSync(join(FIXTURES, 'sample-project'), root, { recursive: true });
    const rules = writeTestRules(base);
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: root, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'the sample project');
    writeTree(root, { 'old/token.txt': `token ${fakeTestToken()}\n` });
    git('add', '-A');
    git('commit', '-qm', 'a secret');
    git('rm', '-q', '-r', 'old');
    git('commit', '-qm', 'removed, in history only');
    git('gc', '-q'); // a pack and its index, as well as loose objects from here on
    writeTree(root, { 'later.env': `GITHUB_TOKEN=${fakeGithubToken()}\n`, 'big.bin': Buffer.alloc(64 * 1024, 7) });
    git('add', 'later.env');
    writeTree(root, {
      'modes/private.key': `token ${fakeTestToken()}\n`,
      'modes/run.sh': '#!/bin/sh\necho hi\n',
      'modes/read-only.txt': 'ro\n',
      'nested/a/b/c/d/.hidden': 'x',
    });
    chmodSync(join(root, 'modes/private.key'), 0o600);
    chmodSync(join(root, 'modes/run.sh'), 0o755);
    chmodSync(join(root, 'modes/read-only.txt'), 0o444);
    symlinkSync('../modes/run.sh', join(root, 'nested', 'link-inside'));
    symlinkSync('/etc/hostname', join(root, 'nested', 'link-outside'));
    execFileSync('mkfifo', [join(root, 'nested', 'pipe')]);
    writeFileSync(Buffer.concat([Buffer.from(`${root}/nested/`), Buffer.from([0x6e, 0xe9, 0x2e, 0x74, 0x78, 0x74])]), 'latin-1 name\n');
    mkdirSync(join(root, 'read-only-dir'));
    writeTree(root, { 'read-only-dir/inside.txt': 'x\n' });
    chmodSync(join(root, 'read-only-dir'), 0o555);
    armAtimes(root);

    // A control file beside the tree, set up the same way: a plain read must move its atime,
    // or this filesystem does not track atimes and the atime part proves nothing.
    const control = join(base, 'control.txt');
    writeFileSync(control, 'control\n');
    armAtimes(control);
    const controlBefore = lstatSync(control, { bigint: true }).atimeNs;
    readFileSync(control);
    const tracksAtime = lstatSync(control, { bigint: true }).atimeNs !== controlBefore;

    const before = snapshot(root);
    const env = { AIRLOCK_CACHE_DIR: cache.dir, HOME: join(base, 'home') };
    const commands: { args: string[]; env?: NodeJS.ProcessEnv }[] = [
      { args: ['scan', '--rules', rules, root] },
      { args: ['scan', '--rules', rules, '--format', 'json', root] },
      { args: ['scan', '--rules', rules, '--format', 'sarif', '--jobs', '1', '--no-cache', root] },
      { args: ['scan', '--staged', '--rules', rules] },
      { args: ['scan', '--rules', rules, '.'], env: { AIRLOCK_CACHE_DIR: join(root, '.cache-inside') } },
      { args: ['scan', '--rules', rules, '.'], env: { AIRLOCK_CACHE_DIR: undefined, XDG_CACHE_HOME: undefined, HOME: root } },
      { args: ['rules', 'list', '--rules', rules] },
      { args: ['rules', 'test', '--rules', rules] },
    ];
    const results = await inParallel(commands.map((command) => () => runCliAsync(command.args, { cwd: root, env: command.env ?? env, timeoutMs: 60_000 })));
    results.forEach((run, i) => expect([0, 1], `${commands[i]!.args.join(' ')}: ${run.stderr}`).toContain(run.status));
    const after = snapshot(root);

    const withoutAtime = (snap: Map<string, Entry>) => new Map([...snap].map(([key, { atime: _, ...rest }]) => [key, rest]));
    expect(withoutAtime(after)).toEqual(withoutAtime(before));

    const moved = [...after].filter(([key, entry]) => entry.atime !== before.get(key)!.atime).map(([key, entry]) => ({ path: decodeKey(key).join('/'), kind: entry.kind }));
    // Only folders (listed), links (read to judge where they point) and files of the git
    // database (read by git) may show a read; the snapshot itself lists folders and reads links.
    expect(tracksAtime).toBe(true);
    expect(moved.filter(({ path, kind }) => kind !== 'dir' && kind !== 'link' && !path.startsWith('./.git/'))).toEqual([]);
    const files = [...after].filter(([key, entry]) => entry.kind === 'file' && !decodeKey(key).join('/').startsWith('./.git/'));
    expect(files.length).toBeGreaterThan(15);
  }, 120_000);
});
