import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER } from '../../src/stage/redact-env.js';
import { runCli } from '../helpers/cli.js';
import { fakeNoteToken, fakeTestToken } from '../helpers/fake-secrets.js';
import { fakeGithubToken, fakePrivateKey, fingerprintTree, git, listFiles, tempDir, makeTree } from '../helpers/project-tree.js';
import { writeTestRules } from '../helpers/rules.js';

function project(dir: string) {
  const token = fakeGithubToken();
  const root = makeTree(join(dir, 'app'), {
    '.env': `# local settings\nexport PORT=3000\nGITHUB_TOKEN=${token}\nMULTI="line one\nline two"\n`,
    'certs/server.key': fakePrivateKey(),
    'certs/server.crt': 'not a secret\n',
    'src/index.js': 'console.log("hi")\n',
    'scripts/run.sh': { content: '#!/bin/sh\necho run\n', mode: 0o755 },
    'docs/read-only.md': { content: 'frozen\n', mode: 0o444 },
    'README.md': '# app\n',
    'src/readme-link': { link: '../README.md' },
    'key-link': { link: 'certs/server.key' },
    'outside-link': { link: '/etc/hostname' },
    'pipe': { fifo: true },
  });
  makeTree(root, { 'abs-link': { link: join(root, 'README.md') } });
  return { root, token };
}

describe('airlock stage PATH --to DIR', () => {
  it('copies clean files, leaves blocking ones out, redacts .env, writes STAGED.md, and the copy scans GO', () => {
    const dir = tempDir();
    const { root, token } = project(dir);
    const before = fingerprintTree(root);
    const to = join(dir, 'staged');
    const run = runCli(['stage', root, '--to', to]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Scan of the original: NO-GO\. Scan of the copy: GO\./);
    expect(fingerprintTree(root)).toBe(before);

    expect(listFiles(to).sort()).toEqual(['.env', 'README.md', 'STAGED.md', 'certs/server.crt', 'docs/read-only.md', 'scripts/run.sh', 'src/index.js']);
    const env = readFileSync(join(to, '.env'), 'utf8');
    expect(env).toBe(`# local settings\nexport PORT=${PLACEHOLDER}\nGITHUB_TOKEN=${PLACEHOLDER}\nMULTI=${PLACEHOLDER}\n`);
    expect(env).not.toContain(token.slice(4, 20));
    expect(lstatSync(join(to, 'scripts/run.sh')).mode & 0o777).toBe(0o755);
    expect(lstatSync(join(to, 'docs/read-only.md')).mode & 0o777).toBe(0o444);
    // Links inside the folder are kept, made relative so they point into the copy, not the original.
    expect(readlinkSync(join(to, 'src/readme-link'))).toBe('../README.md');
    expect(readlinkSync(join(to, 'abs-link'))).toBe('README.md');
    expect(readlinkSync(join(to, 'key-link'))).toBe('certs/server.key'); // dangles: its target was left out
    expect(existsSync(join(to, 'key-link'))).toBe(false);
    expect(existsSync(join(to, 'outside-link'))).toBe(false);
    expect(existsSync(join(to, 'pipe'))).toBe(false);

    const staged = readFileSync(join(to, 'STAGED.md'), 'utf8');
    expect(staged).toContain(`sanitized copy of \`${root}\``);
    expect(staged).toMatch(/- `certs\/server\.key`: blocking finding: /);
    expect(staged).toMatch(/- `outside-link`: finding to review \(keep it with --accept review\): symlink-escape/);
    expect(staged).toContain('- `pipe`: FIFO, socket or device: never shared\n');
    expect(staged).toMatch(/- `\.env`: 3 values replaced, 1 line removed/);
    expect(staged).not.toContain(token.slice(4, 20));

    const rescan = runCli(['scan', to, '--format', 'json']);
    expect(rescan.status).toBe(0);
    expect((JSON.parse(rescan.stdout) as { verdict: string }).verdict).toBe('go');
  });

  it('says plainly that the copy is incomplete when files were too large to read, and how to read them', () => {
    const dir = tempDir();
    const root = makeTree(join(dir, 'app'), { 'src/index.js': 'console.log("hi")\n', 'bin/compiler': 'x'.repeat(4096), 'bin/native.node': 'y'.repeat(4096) });
    const to = join(dir, 'staged');
    const run = runCli(['stage', root, '--to', to, '--max-file-size', '1k']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('  left out  bin/compiler — not scanned, so not known to be clean: too-large');
    expect(run.stdout).toContain('The copy is INCOMPLETE: 2 files were left out unread (too-large), so what needs them will not work in the sandbox.');
    expect(run.stdout).toContain('stage again with --max-file-size SIZE');
    expect(listFiles(to).sort()).toEqual(['STAGED.md', 'src/index.js']);
    // With a limit that reads them, they are scanned, copied, and the note is gone.
    const whole = runCli(['stage', root, '--to', join(dir, 'staged-whole'), '--max-file-size', '8k']);
    expect(whole.stdout).not.toContain('INCOMPLETE');
    expect(listFiles(join(dir, 'staged-whole')).sort()).toEqual(['STAGED.md', 'bin/compiler', 'bin/native.node', 'src/index.js']);
  });

  it('copies a .git whose history is clean, and leaves out one whose history holds a secret', () => {
    const dir = tempDir();
    const clean = makeTree(join(dir, 'clean'), { 'a.txt': 'hello\n' });
    git(clean, 'init', '-q', '-b', 'main');
    git(clean, 'add', '-A');
    git(clean, 'commit', '-qm', 'init');
    const cleanCopy = runCli(['stage', clean, '--to', join(dir, 'clean-staged')]);
    expect(cleanCopy.status).toBe(0);
    expect(git(join(dir, 'clean-staged'), 'log', '--format=%s')).toBe('init');

    const rules = writeTestRules(dir);
    const leaky = makeTree(join(dir, 'leaky'), { 'config.js': `const token = "${fakeTestToken()}";\n` });
    git(leaky, 'init', '-q', '-b', 'main');
    git(leaky, 'add', '-A');
    git(leaky, 'commit', '-qm', 'add config');
    writeFileSync(join(leaky, 'config.js'), 'const token = process.env.TOKEN;\n');
    git(leaky, 'commit', '-qam', 'remove the token');
    const leakyCopy = runCli(['stage', leaky, '--to', join(dir, 'leaky-staged'), '--rules', rules]);
    expect(leakyCopy.status).toBe(0);
    expect(leakyCopy.stdout).toMatch(/left out {2}\.git — git history holds a finding: fake-token in its history \(first in commit [0-9a-f]{10}\)/);
    expect(existsSync(join(dir, 'leaky-staged/.git'))).toBe(false);
    expect(readFileSync(join(dir, 'leaky-staged/config.js'), 'utf8')).toBe('const token = process.env.TOKEN;\n');
  });

  it('leaves out review-level files unless --accept review', () => {
    const dir = tempDir();
    const rules = writeTestRules(dir);
    const root = makeTree(join(dir, 'app'), { 'hosts.txt': `${fakeNoteToken()}\n`, 'a.txt': 'a\n', 'etc-link': { link: '/etc' } });
    const strict = runCli(['stage', root, '--to', join(dir, 'strict'), '--rules', rules]);
    expect(strict.status).toBe(0);
    expect(listFiles(join(dir, 'strict')).sort()).toEqual(['STAGED.md', 'a.txt']);
    const accepting = runCli(['stage', root, '--to', join(dir, 'accepting'), '--rules', rules, '--accept', 'review']);
    expect(accepting.status).toBe(0);
    expect(listFiles(join(dir, 'accepting')).sort()).toEqual(['STAGED.md', 'a.txt', 'hosts.txt']);
    // Accepting the review finding on a link that leaves the folder still does not copy the link.
    expect(existsSync(join(dir, 'accepting/etc-link'))).toBe(false);
    expect(accepting.stdout).toMatch(/left out {2}etc-link — link pointing outside the folder \(\/etc\)/);
  });

  it('refuses DIR that is PATH, inside PATH (also through a link), or not empty; writes nothing', () => {
    const dir = tempDir();
    const root = makeTree(join(dir, 'app'), { 'a.txt': 'a\n' });
    symlinkSync(root, join(dir, 'app-link'));
    mkdirSync(join(dir, 'full'));
    writeFileSync(join(dir, 'full/x'), 'x');
    const before = fingerprintTree(root);
    const cases: [string, RegExp][] = [
      [root, /that is .* itself/],
      [join(root, 'staged'), /inside .*; airlock never writes into the folder it stages/],
      [join(dir, 'app-link', 'deep', 'staged'), /inside /],
      [join(dir, 'full'), /exists and is not empty/],
      [join(dir, 'full/x'), /exists and is not a folder/],
    ];
    for (const [to, message] of cases) {
      const run = runCli(['stage', root, '--to', to]);
      expect(run.status, to).toBe(2);
      expect(run.stderr, to).toMatch(message);
      expect(run.stdout).toBe('');
    }
    expect(fingerprintTree(root)).toBe(before);
    expect(runCli(['stage', root]).stderr).toMatch(/--to DIR is required/);
    expect(runCli(['stage', '--help']).stdout).toContain(`"${PLACEHOLDER}"`);
    expect(runCli(['stage', root, join(dir, 'x'), '--to', join(dir, 'y')]).stderr).toMatch(/exactly one PATH/);
    // An existing empty folder is fine.
    mkdirSync(join(dir, 'empty'));
    expect(runCli(['stage', root, '--to', join(dir, 'empty')]).status).toBe(0);
  });
});
