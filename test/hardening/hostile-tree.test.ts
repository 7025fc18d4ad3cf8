import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, closeSync, linkSync, mkdirSync, openSync, statSync, symlinkSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, scanJson, type CliOptions, type JsonReport } from '../helpers/cli.js';
import { fakeTestToken } from '../helpers/fake-secrets.js';
import { PEAK_RSS_NODE_ARGS, peakFigures, peakRss } from '../helpers/peak-rss.js';
import { useSeededCache } from '../helpers/regex-verdicts.js';
import { writeTestRules } from '../helpers/rules.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';
import { unprivileged } from '../helpers/unprivileged.js';

/**
 * Folders someone else prepared, built at test time (never committed): airlock must finish,
 * keep memory bounded, list everything it could not read, and never follow or block on what
 * it finds. Each big scenario reports the CLI's peak RSS (all threads).
 */

const MB = 1024 * 1024;
/** Every scan reads every file (--no-cache); the rules' regex verdicts come seeded. */
const cache = useSeededCache();

function setup() {
  const base = useTempDir('airlock-hostile-');
  const root = join(base, 'root');
  mkdirSync(root);
  return { base, root, rules: writeTestRules(base) };
}

/** `scan --format json` with the peak RSS measured; the figure is kept for the summary. */
function scanMeasured(label: string, args: string[], options: CliOptions = {}) {
  const run = scanJson(['--no-cache', ...args], { ...options, nodeArgs: [...PEAK_RSS_NODE_ARGS, ...(options.nodeArgs ?? [])], env: { AIRLOCK_CACHE_DIR: cache.dir, ...options.env } });
  const { mb, stderr } = peakRss(run.stderr);
  peakFigures.push(`${label}: peak RSS ${mb} MB, ${run.report.stats.durationMs} ms`);
  return { ...run, stderr, peakMb: mb };
}

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
/** Every place a finding stands (one secret in several files is one finding with `locations`). */
const summary = (report: JsonReport) =>
  report.findings.flatMap((f) => [f, ...(f.locations ?? [])]).map((f) => `${f.ruleId} ${f.path}${f.line ? `:${f.line}:${f.column}` : ''}`).sort();

afterAll(() => {
  if (peakFigures.length > 0) console.log(`hostile trees:\n  ${peakFigures.join('\n  ')}`);
});

describe('hostile trees: airlock finishes, with bounded memory, and lists what it could not read', () => {
  it('a 200 MB single-line minified file: too large by default; read whole with --max-file-size 256M, the token at its very end found', () => {
    const { root, rules } = setup();
    mkdirSync(join(root, 'dist'));
    const file = join(root, 'dist', 'app.min.js');
    const token = fakeTestToken();
    const tail = `;var t="${token}";`;
    // Minified code, one line: identifiers, keywords the prefilter knows (key, token, secret,
    // password), so that rules really run over all of it.
    let chunk = '';
    for (let i = 0; chunk.length < 64 * 1024; i++) chunk += `function k${i}(a,b){var key=a.token||b.secret;return password${i % 7}(key,"${'x'.repeat(i % 13)}")}`;
    const size = 200 * MB;
    const fd = openSync(file, 'w');
    const bytes = Buffer.from(chunk);
    let written = 0;
    while (written + bytes.length + tail.length <= size) written += writeSync(fd, bytes);
    writeSync(fd, Buffer.from(tail.padStart(size - written, ';')));
    closeSync(fd);
    expect(statSync(file).size).toBe(size);

    const byDefault = scanMeasured('200 MB minified file, default limit (skipped)', ['--rules', rules, root]);
    expect(byDefault.status).toBe(1);
    expect({ verdict: byDefault.report.verdict, complete: byDefault.report.complete, skipped: byDefault.report.skipped }).toEqual({
      verdict: 'incomplete',
      complete: false,
      skipped: [{ root, path: 'dist/app.min.js', reason: 'too-large', detail: `${size} bytes, over the 10485760-byte limit` }],
    });
    expect(byDefault.peakMb).toBeLessThan(300);

    const whole = scanMeasured('200 MB minified file, --max-file-size 256M (read whole)', ['--rules', rules, '--max-file-size', '256M', '--file-timeout', '120s', root], { timeoutMs: 150_000 });
    expect(whole.status).toBe(1);
    expect(whole.report.complete).toBe(true);
    expect(whole.report.stats.bytes).toBe(size);
    expect(whole.report.findings.filter((f) => f.ruleId === 'fake-token').map((f) => [f.path, f.line, f.column])).toEqual([['dist/app.min.js', 1, size - token.length - 1]]);
    // The file is held once as bytes and once as text: about twice its size, plus the runtime.
    expect(whole.peakMb).toBeLessThan(800);
  }, 180_000);

  it('a 5 GB sparse file: too large from its size alone, never read, even at the highest --max-file-size', () => {
    const { root, rules } = setup();
    const file = join(root, 'disk.img');
    writeFileSync(file, '');
    truncateSync(file, 5 * 1024 * MB);
    for (const [limit, bytes] of [[undefined, 10 * MB], ['512M', 512 * MB]] as const) {
      const run = scanMeasured(`5 GB sparse file, limit ${limit ?? 'default'}`, ['--rules', rules, ...(limit ? ['--max-file-size', limit] : []), root]);
      expect({ status: run.status, verdict: run.report.verdict }).toEqual({ status: 1, verdict: 'incomplete' });
      expect(run.report.skipped).toEqual([{ root, path: 'disk.img', reason: 'too-large', detail: `${5 * 1024 * MB} bytes, over the ${bytes}-byte limit` }]);
      expect({ complete: run.report.complete, bytes: run.report.stats.bytes }).toEqual({ complete: false, bytes: 0 });
      expect(run.peakMb).toBeLessThan(300);
    }
    const over = runCli(['scan', '--max-file-size', '6G', root]);
    expect({ status: over.status, stderr: over.stderr.split('\n')[0] }).toEqual({ status: 2, stderr: 'airlock: --max-file-size can be at most 512M (a file is matched as one string), not "6G"' });
  });

  it('100,000 files in one folder: every one scanned by the worker pool, in bounded memory', () => {
    const { root, rules } = setup();
    const folder = join(root, 'flat');
    mkdirSync(folder);
    // Hard links: 100,000 directory entries, each a regular file, for one system call each
    // (ext4 allows 65,000 links to an inode, so three inodes share them).
    writeFileSync(join(root, 'plain-a.txt'), 'const key = process.env.KEY; // nothing to see\n');
    writeFileSync(join(root, 'plain-b.txt'), 'password: ${DB_PASSWORD}\n');
    writeFileSync(join(root, 'secret.txt'), `token: ${fakeTestToken()}\n`);
    for (let i = 0; i < 100_000; i++) {
      const source = i % 10_000 === 0 ? 'secret.txt' : i % 2 === 0 ? 'plain-a.txt' : 'plain-b.txt';
      linkSync(join(root, source), join(folder, `f${String(i).padStart(6, '0')}.txt`));
    }
    const run = scanMeasured('100,000 files in one folder', ['--rules', rules, folder], { timeoutMs: 180_000 });
    expect(run.status).toBe(1);
    expect({ files: run.report.stats.files, complete: run.report.complete, skipped: run.report.skipped }).toEqual({ files: 100_000, complete: true, skipped: [] });
    expect(summary(run.report)).toEqual(Array.from({ length: 10 }, (_, i) => `fake-token f${String(i * 10_000).padStart(6, '0')}.txt:1:8`));
    expect(run.peakMb).toBeLessThan(500);
  }, 240_000);

  it('nesting 1,000 levels deep is walked to the bottom; a chain longer than PATH_MAX is listed where it could not be listed', () => {
    const { root, rules } = setup();
    const deep = Array.from({ length: 1000 }, () => 'd');
    const token = fakeTestToken();
    writeTree(root, { [`${deep.join('/')}/leaf.env`]: `TOKEN=${token}\n` });
    // 1,000 levels of 10-character names: 11 KB of path, so it is built one chdir at a time.
    mkdirSync(join(root, 'long'));
    const build = `const fs = require('fs'); process.chdir(process.argv[1]);
for (let i = 0; i < 1000; i++) { fs.mkdirSync('level_0000'); process.chdir('level_0000'); }
fs.writeFileSync('leaf.txt', 'token ' + process.argv[2] + '\\n');`;
    try {
      execFileSync(process.execPath, ['-e', build, join(root, 'long'), fakeTestToken()]);
      const run = scanMeasured('nesting 1,000 levels deep', ['--rules', rules, root], { timeoutMs: 60_000 });
      expect(run.status).toBe(1);
      expect(summary(run.report)).toEqual([`fake-token ${deep.join('/')}/leaf.env:1:7`]);
      expect(run.report.complete).toBe(false);
      expect(run.report.skipped).toHaveLength(1);
      const [skip] = run.report.skipped;
      expect(skip).toMatchObject({ root, reason: 'unreadable', detail: 'ENAMETOOLONG: cannot list folder' });
      expect(skip!.path).toMatch(/^long(\/level_0000)+$/);
      expect(join(root, skip!.path).length).toBeGreaterThan(4096 - 12);
    } finally {
      // Node cannot remove a tree deeper than PATH_MAX; rm works through it a folder at a time.
      execFileSync('rm', ['-rf', join(root, 'long')]);
    }
  });

  it('symlink loops and links to /, /proc and $HOME are never followed; the links that leave the folder are findings to review', () => {
    const { root, rules } = setup();
    writeTree(root, { 'app/main.js': 'console.log(1)\n' });
    const links: Record<string, string> = {
      'loop-a': 'loop-b',
      'loop-b': 'loop-a',
      self: 'self',
      'app/again': '..',
      up: '..',
      slash: '/',
      proc: '/proc',
      'proc-self-root': '/proc/self/root',
      'proc-self-cwd': '/proc/self/cwd',
      home: homedir(),
      dangling: '/nonexistent/airlock/target',
    };
    for (const [path, target] of Object.entries(links)) symlinkSync(target, join(root, path));
    const run = scanMeasured('symlink loops and links out', ['--rules', rules, root]);
    expect(run.status).toBe(0);
    expect(run.report.verdict).toBe('review');
    expect({ files: run.report.stats.files, complete: run.report.complete, skipped: run.report.skipped }).toEqual({ files: 1, complete: true, skipped: [] });
    const escapes = run.report.findings.filter((f) => f.ruleId === 'symlink-escape').map((f) => f.path);
    expect(escapes.sort()).toEqual(['dangling', 'home', 'proc', 'proc-self-cwd', 'proc-self-root', 'slash', 'up']);
    expect(run.report.findings).toHaveLength(escapes.length);
  });

  it('a FIFO and a socket are listed as skipped and never opened: the scan does not block', async () => {
    const { root, rules } = setup();
    writeTree(root, { 'a.txt': `token ${fakeTestToken()}\n` });
    execFileSync('mkfifo', [join(root, 'pipe')]);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(root, 'control.sock'), resolve));
    try {
      const run = scanMeasured('FIFO and socket', ['--rules', rules, root], { timeoutMs: 20_000 });
      expect(run.status).toBe(1);
      expect([...run.report.skipped].sort(byPath)).toEqual([
        { root, path: 'control.sock', reason: 'not-regular-file', detail: 'FIFO, socket or device: never opened' },
        { root, path: 'pipe', reason: 'not-regular-file', detail: 'FIFO, socket or device: never opened' },
      ]);
      // Nothing was left unread that could hold content: a FIFO or socket has none at rest.
      expect(run.report.complete).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('unreadable files and folders are each listed as skipped, and the scan says INCOMPLETE', () => {
    const how = unprivileged();
    const { base, root, rules } = setup();
    chmodSync(base, 0o755);
    chmodSync(rules, 0o755);
    writeTree(root, {
      'readable.txt': `token ${fakeTestToken()}\n`,
      'no-read.txt': `token ${fakeTestToken()}\n`,
      'locked/inner.txt': `token ${fakeTestToken()}\n`,
      'traverse-only/inner.txt': `token ${fakeTestToken()}\n`,
      'open/unreadable-deeper/x.txt': 'x',
    });
    chmodSync(join(root, 'no-read.txt'), 0o200);
    chmodSync(join(root, 'locked'), 0o000);
    chmodSync(join(root, 'traverse-only'), 0o111);
    chmodSync(join(root, 'open', 'unreadable-deeper'), 0o000);
    const run = scanMeasured(`unreadable files and folders (as ${how.name})`, ['--rules', rules, root], { wrapper: how.wrapper });
    expect(run.status).toBe(1);
    expect(run.report.complete).toBe(false);
    expect([...run.report.skipped].sort(byPath)).toEqual([
      { root, path: 'locked', reason: 'unreadable', detail: 'EACCES: cannot list folder' },
      { root, path: 'no-read.txt', reason: 'unreadable', detail: 'EACCES: cannot open' },
      { root, path: 'open/unreadable-deeper', reason: 'unreadable', detail: 'EACCES: cannot list folder' },
      { root, path: 'traverse-only', reason: 'unreadable', detail: 'EACCES: cannot list folder' },
    ]);
    expect(summary(run.report)).toEqual(['fake-token readable.txt:1:7']);
    const text = runCli(['scan', '--no-cache', '--rules', rules, root], { wrapper: how.wrapper, env: { AIRLOCK_CACHE_DIR: cache.dir } });
    expect(text.stdout).toMatch(/\nNot scanned \(4\):\n/);
    expect(text.stdout).toMatch(/\nNO-GO {2}1 blocking — INCOMPLETE: 4 items not scanned\n\nMount plan/);
  });

  it('files deleted, replaced, truncated or grown between the walk and the read: each is accounted for exactly', () => {
    const { base, root, rules } = setup();
    const tokens = Object.fromEntries(['steady', 'vanish', 'link', 'fifo', 'truncate', 'grow'].map((k) => [k, fakeTestToken()]));
    writeTree(root, {
      'steady.txt': `token ${tokens.steady}\n`,
      'vanish-before-open.txt': `token ${tokens.vanish}\n`,
      'link-before-open.txt': `token ${tokens.link}\n`,
      'fifo-before-open.txt': `token ${tokens.fifo}\n`,
      'truncate-after-stat.txt': `token ${tokens.truncate}\n`,
      'grow-after-stat.txt': `token ${tokens.grow}\n`,
    });
    // A preload changes each file at the moment its name says (see preload/race.mjs).
    const race = pathToFileURL(join(import.meta.dirname, '..', 'helpers', 'preload', 'race.mjs')).href;
    const run = scanMeasured('files changed under the scan', ['--rules', rules, '--max-file-size', '4k', root], { nodeArgs: ['--import', race], cwd: base });
    expect(run.status).toBe(1);
    expect([...run.report.skipped].sort(byPath)).toEqual([
      { root, path: 'fifo-before-open.txt', reason: 'not-regular-file', detail: 'not a regular file when opened' },
      { root, path: 'grow-after-stat.txt', reason: 'too-large', detail: 'grew past the 4096-byte limit while read' },
      { root, path: 'link-before-open.txt', reason: 'vanished', detail: 'ELOOP: cannot open' },
      { root, path: 'vanish-before-open.txt', reason: 'vanished', detail: 'ENOENT: cannot open' },
    ]);
    expect(run.report.complete).toBe(false);
    // The truncated file is scanned as it now is (16 bytes: no token left in it).
    expect(summary(run.report)).toEqual(['fake-token steady.txt:1:7']);
    expect(run.report.stats).toMatchObject({ files: 6, bytes: 16 + `token ${tokens.steady}\n`.length });
  });

  it('files deleted, rewritten and replaced by another process while a pooled scan runs: it finishes and accounts for them', async () => {
    const { base, root, rules } = setup();
    const files: Record<string, string> = {};
    for (let i = 0; i < 2000; i++) files[`d${i % 20}/f${i}.txt`] = i % 50 === 0 ? `token ${fakeTestToken()}\n` : `line ${i}\n`;
    writeTree(root, files);
    // The churner runs until killed: deletes, truncates, rewrites, swaps in links and FIFOs,
    // and removes whole folders, at random, as fast as it can.
    const churner = join(base, 'churn.mjs');
    writeFileSync(
      churner,
      `import fs from 'node:fs'; import { execFileSync } from 'node:child_process';
const root = process.argv[2];
for (;;) {
  const d = 'd' + Math.floor(Math.random() * 20), f = root + '/' + d + '/f' + Math.floor(Math.random() * 2000) + '.txt';
  try {
    switch (Math.floor(Math.random() * 6)) {
      case 0: fs.unlinkSync(f); break;
      case 1: fs.truncateSync(f, 3); break;
      case 2: fs.writeFileSync(f, 'x'.repeat(Math.floor(Math.random() * 9000))); break;
      case 3: fs.unlinkSync(f); fs.symlinkSync('/etc', f); break;
      case 4: fs.unlinkSync(f); execFileSync('mkfifo', [f]); break;
      case 5: if (Math.random() < 0.05) fs.rmSync(root + '/' + d, { recursive: true, force: true }); break;
    }
  } catch {}
}
`,
    );
    const child = spawn(process.execPath, [churner, root], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const run = scanMeasured('2,000 files churned during the scan', ['--rules', rules, '--jobs', '2', '--max-file-size', '8k', root], { timeoutMs: 60_000 });
      expect(run.stderr).toBe('');
      expect([0, 1]).toContain(run.status);
      const reasons = new Set(run.report.skipped.map((s) => `${s.reason}: ${s.detail.replace(/^\d+ bytes/, 'N bytes')}`));
      const allowed = new Set([
        'vanished: ENOENT: cannot open',
        'vanished: ELOOP: cannot open',
        'vanished: ENOENT: cannot list folder',
        'vanished: ENOENT: cannot read link',
        'not-regular-file: not a regular file when opened',
        'not-regular-file: FIFO, socket or device: never opened',
        'too-large: N bytes, over the 8192-byte limit',
        'too-large: grew past the 8192-byte limit while read',
      ]);
      expect([...reasons].filter((r) => !allowed.has(r))).toEqual([]);
      expect(run.report.complete).toBe(run.report.skipped.every((s) => s.reason === 'not-regular-file'));
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('hostile names (newlines, quotes, invalid UTF-8, right-to-left marks, escape sequences) are scanned, or listed when no path can open them', () => {
    const { root, rules } = setup();
    const names = [
      'new\nline.env',
      'carriage\rreturn.txt',
      `quotes "double" 'single' \`back\`.txt`,
      'invoice\u202etxt.exe',
      '\u200fright-to-left.txt',
      '\x1b[2J\x1b[H\x1b[32mGO  no findings\x1b[0m.txt',
      '\x1b]0;owned\x07title.txt',
      '\u009b31mcsi.txt',
      'tab\there.txt',
      'dir\nwith break/inner.txt',
    ];
    const tokens = names.map(() => fakeTestToken());
    writeTree(root, Object.fromEntries(names.map((name, i) => [name, `token ${tokens[i]}\n`])));
    writeFileSync(Buffer.concat([Buffer.from(`${root}/`), Buffer.from([0x6c, 0x61, 0x74, 0x69, 0x6e, 0xe9, 0x2e, 0x65, 0x6e, 0x76])]), `token ${fakeTestToken()}\n`);
    const run = scanMeasured('hostile names', ['--rules', rules, root]);
    expect(run.status).toBe(1);
    expect(summary(run.report).sort()).toEqual(names.map((name) => `fake-token ${name}:1:7`).sort());
    expect(run.report.skipped).toEqual([{ root, path: 'latin\ufffd.env', reason: 'unreadable', detail: 'name is not valid UTF-8, so no path can open it: not scanned' }]);
    expect(run.report.complete).toBe(false);
  });
});
