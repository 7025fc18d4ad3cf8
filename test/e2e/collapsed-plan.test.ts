import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { BWRAP_SYSTEM, describeBwrap } from '../helpers/bwrap.js';
import { BIN, inParallel, runCliAsync, type CliRun } from '../helpers/cli.js';
import { composeSchemaErrors } from '../helpers/compose-schema.js';
import { scanDocument } from './contract.js';
import { manyMountsTree, type ManyMountsTree } from '../helpers/many-mounts-tree.js';
import { dockerClientRejects, hasDockerClient, parseDockerMount, shellWords } from '../helpers/parse-back.js';
import { fakeGithubToken, git, listFiles, makeTree } from '../helpers/project-tree.js';

/**
 * A home whose split plan has over 50 mounts (a node_modules of 80 packages, four holding test
 * fixtures with fake tokens): the plan says so, collapses for the targets that can mask, and the
 * collapsed plan, run for real, exposes every clean file and no flagged one.
 */
const dir = mkdtempSync(join(tmpdir(), 'airlock-collapse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let tree: ManyMountsTree;
const runs: Record<string, CliRun> = {};
const ARGS = {
  bwrap: ['--target', 'bwrap'],
  never: ['--target', 'bwrap', '--collapse', 'never'],
  docker: ['--target', 'docker'],
  compose: ['--target', 'compose'],
  devcontainer: ['--target', 'devcontainer'],
  json: ['--target', 'json'],
} as const;

beforeAll(async () => {
  tree = manyMountsTree(dir);
  const names = Object.keys(ARGS) as (keyof typeof ARGS)[];
  const done = await inParallel([
    ...names.map((name) => () => runCliAsync(['plan', tree.root, ...ARGS[name]], { timeoutMs: 60_000 })),
    () => runCliAsync(['scan', '--format', 'json', tree.root], { timeoutMs: 60_000 }),
    () => runCliAsync(['scan', tree.root], { timeoutMs: 60_000 }),
  ]);
  names.forEach((name, i) => (runs[name] = done[i]!));
  runs.scanJson = done[names.length]!;
  runs.scanText = done[names.length + 1]!;
}, 120_000);

const MASKED = ['.env', 'code/app/node_modules/pkg-000/test', 'code/app/node_modules/pkg-001/lib/config.js', 'code/app/node_modules/pkg-020/test', 'code/app/node_modules/pkg-040/test', 'code/app/node_modules/pkg-060/test'];
const splitMounts = () => Number(/(\d+) mounts \(all read-only\), 82 left out/.exec(runs.never!.stderr)?.[1]);

describe('a plan too large to read (80 packages, 82 flagged files)', () => {
  it('--collapse never: lists every mount, and says plainly that no one can check them, with the collapse and `airlock stage`', () => {
    expect(runs.never!.status).toBe(0);
    expect(splitMounts()).toBeGreaterThan(50);
    expect(shellWords(runs.never!.stdout)).toHaveLength(splitMounts() * 3);
    expect(runs.never!.stderr).toContain(`airlock: ${splitMounts()} mounts: more than a person can check (50 at most).\n`);
    expect(runs.never!.stderr).toContain(`airlock: or mount a sanitized copy instead: airlock stage ${tree.root} --to ${tree.root}-staged\n`);
  });

  it('the proposed `airlock stage` command, run as printed, makes a copy that scans clean', () => {
    const command = /airlock: or mount a sanitized copy instead: (airlock stage .*)\n/.exec(runs.never!.stderr)![1]!;
    const run = spawnSync('bash', ['-c', `airlock() { "${process.execPath}" "${BIN}" "$@"; }\n${command}`], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Scan of the copy: GO.');
    rmSync(`${tree.root}-staged`, { recursive: true, force: true });
  });

  it('bwrap: collapses to the folder and 6 masks, and says why and what else to do', () => {
    expect(runs.bwrap!.status).toBe(0);
    expect(runs.bwrap!.stderr).toContain(`plan for bwrap: 1 mount (all read-only) with 6 masks, 6 left out (collapsed from ${splitMounts()} mounts)\n`);
    expect(runs.bwrap!.stderr).toContain(`  - ${tree.root}/code/app/node_modules/pkg-000/test: holds only flagged entries (20), e.g. fixtures/case-0.txt: blocking finding: github-pat\n`);
    expect(runs.bwrap!.stderr).toMatch(/\d+ mounts is more than a person can check \(50 at most\), so each folder is mounted whole and the 6 flagged paths in it are masked/);
    expect(runs.bwrap!.stderr).toContain(`airlock stage ${tree.root} --to ${tree.root}-staged`);
    const dest = (rel: string) => `/workspace/home/${rel}`;
    expect(shellWords(runs.bwrap!.stdout)).toEqual([
      '--ro-bind', tree.root, '/workspace/home',
      ...MASKED.flatMap((rel) => (rel.endsWith('/test') ? ['--tmpfs', dest(rel)] : ['--ro-bind', '/dev/null', dest(rel)])),
    ]);
  });

  it('docker, compose, devcontainer: the same collapse, in each one\'s own form, read back by its parser', () => {
    const masks = MASKED.map((rel) => (rel.endsWith('/test') ? { type: 'tmpfs', rel } : { type: 'bind', rel }));
    const docker = shellWords(runs.docker!.stdout).filter((_, i) => i % 2 === 1);
    if (hasDockerClient()) expect(dockerClientRejects(docker)).toBeUndefined();
    const expected = (base: string) => [
      { type: 'bind', source: tree.root, target: `${base}/home`, readonly: true },
      ...masks.map((m) => (m.type === 'tmpfs' ? { type: 'tmpfs', target: `${base}/home/${m.rel}`, readonly: false } : { type: 'bind', source: '/dev/null', target: `${base}/home/${m.rel}`, readonly: true })),
    ];
    expect(docker.map(parseDockerMount)).toEqual(expected('/workspace'));

    const { volumes } = parseYaml(runs.compose!.stdout) as { volumes: Record<string, unknown>[] };
    expect(composeSchemaErrors({ services: { app: { image: 'node:22', volumes } } })).toEqual([]);
    expect(volumes.map((v) => ({ type: v.type, source: v.source, target: v.target, readonly: v.read_only ?? false }))).toEqual(expected('/workspace'));
    expect(runs.compose!.stdout).toContain('# Each folder is mounted whole; the last 6 entries hide what airlock flagged in it');

    const devcontainer = JSON.parse(runs.devcontainer!.stdout) as { workspaceMount: string; workspaceFolder: string; mounts: string[] };
    expect([devcontainer.workspaceMount, ...devcontainer.mounts].map(parseDockerMount)).toEqual(expected('/workspaces'));
    expect(devcontainer.workspaceFolder).toBe('/workspaces/home');
  });

  it('json stays split (a reader that ignored masks would mount what they hide) and says the size', () => {
    const plan = JSON.parse(runs.json!.stdout) as { mounts: unknown[] };
    expect(plan.mounts).toHaveLength(splitMounts());
    expect(runs.json!.stderr).toContain('json cannot mask a path; --target docker|compose|devcontainer|bwrap|bwrap-args|claude would mount the folder whole with 6 masked paths');
  });

  it('scan: JSON `plan.oversize` (an additive field); the text report lists 10 mounts, then the collapse and `airlock stage`', () => {
    const report = JSON.parse(runs.scanJson!.stdout) as { plan: { mounts: unknown[]; oversize: unknown } };
    expect(scanDocument.safeParse(report).error).toBeUndefined();
    expect(report.plan.mounts).toHaveLength(splitMounts());
    expect(report.plan.oversize).toEqual({
      limit: 50,
      mounts: splitMounts(),
      collapsed: { mounts: 1, masks: 6, targets: ['docker', 'compose', 'devcontainer', 'bwrap', 'bwrap-args', 'claude'] },
      stage: [`airlock stage ${tree.root} --to ${tree.root}-staged`],
    });
    const text = runs.scanText!.stdout;
    expect(text).toContain(`Mount plan — share these ${splitMounts()}, read-only unless marked rw:`);
    expect(text).toContain(`  … and ${splitMounts() - 10} more (all of them: airlock plan --target json)\n`);
    expect(text).toContain('Leave out (82):\n');
    expect(text).toContain('  … and 72 more (all of them: airlock plan --target json)\n');
    expect(text.match(/^ {2}-- /gm)).toHaveLength(10);
    expect(text).toContain(`${splitMounts()} mounts: more than a person can check (50 at most).`);
    expect(text).toMatch(/Collapsed, it is 1 mount with 6 masked paths: airlock plan --target\s+docker\|compose\|devcontainer\|bwrap\|bwrap-args\|claude does that by itself\./);
    expect(text).toContain(`Or mount a sanitized copy instead:\n  airlock stage ${tree.root} --to ${tree.root}-staged\n`);
  });
});

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Inside the sandbox: every file readable, with its hash; every flagged path that can be read. */
const CHECK = `
find /workspace -type f -exec sha256sum {} + 2>/dev/null | sed 's/^/FILE /'
while IFS= read -r path; do if cat "$path" >/dev/null 2>&1 && [ -s "$path" ]; then echo "READABLE $path"; fi; done < /check/flagged
grep -rl ghp_ /workspace 2>/dev/null | sed 's/^/TOKEN /'
exit 0
`;

describeBwrap('the collapsed plan applied for real in bwrap', () => {
  function sandbox(binds: string, flagged: string[]): string[] {
    const check = makeTree(join(dir, `check-${Math.random().toString(36).slice(2)}`), { 'check.sh': CHECK, flagged: `${flagged.join('\n')}\n` });
    const run = spawnSync('bash', ['-c', `${binds}; exec bwrap ${BWRAP_SYSTEM} --ro-bind "$1" /check "\${binds[@]}" /bin/sh /check/check.sh`, 'bash', check], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    return run.stdout.split('\n').filter(Boolean);
  }

  const expectExactlyTheCleanFiles = (lines: string[]) => {
    const seen = Object.fromEntries(lines.filter((l) => l.startsWith('FILE ')).map((l) => [l.slice(5 + 64 + 2), l.slice(5, 5 + 64)]));
    expect(seen).toEqual(Object.fromEntries(tree.clean.map((p) => [`/workspace/home/${p}`, sha256(join(tree.root, p))])));
    expect(lines.filter((l) => !l.startsWith('FILE '))).toEqual([]);
  };

  it('bwrap (pasted into a script): every clean file at its place with its content; no flagged file readable, no token anywhere', () => {
    const script = join(dir, 'binds.sh');
    writeFileSync(script, `binds=(\n${runs.bwrap!.stdout.replaceAll(' \\\n', '\n')})\n`);
    expectExactlyTheCleanFiles(sandbox(`source ${script}`, tree.flagged.map((p) => `/workspace/home/${p}`)));
  });

  it('bwrap-args (NUL-separated, read with mapfile): the same', () => {
    const out = join(dir, 'binds.bin');
    const plan = spawnSync('bash', ['-c', '"$0" "$1" plan "$2" --target bwrap-args > "$3"', process.execPath, BIN, tree.root, out], { encoding: 'utf8' });
    expect(plan.status).toBe(0);
    expect(plan.stderr).toContain('with 6 masks');
    expectExactlyTheCleanFiles(sandbox(`mapfile -d '' binds < ${out}`, tree.flagged.map((p) => `/workspace/home/${p}`)));
  });

  it('--collapse always on a small project: a FIFO, a .git whose history holds a token, and a --rw folder inside the read-only root', () => {
    const root = makeTree(join(dir, 'small'), {
      '.env': `T=${fakeGithubToken()}\n`,
      pipe: { fifo: true },
      'src/index.js': 'console.log(1);\n',
      'docs/guide.md': '# guide\n',
    });
    makeTree(root, { 'old.js': `const t = "${fakeGithubToken()}";\n` });
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', 'old.js', 'src');
    git(root, 'commit', '-qm', 'first');
    git(root, 'rm', '-q', 'old.js');
    git(root, 'commit', '-qm', 'remove the token');
    const plan = spawnSync(process.execPath, [BIN, 'plan', root, '--target', 'bwrap', '--collapse', 'always', '--rw', join(root, 'src')], { encoding: 'utf8' });
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stderr).toContain('plan for bwrap: 2 mounts (1 read-write) with 3 masks, 3 left out (collapsed from 2 mounts)');
    expect(plan.stderr).toContain('with --collapse always, each folder is mounted whole and the 3 flagged paths in it are masked');
    expect(shellWords(plan.stdout)).toEqual([
      '--ro-bind', root, '/workspace/small', '--bind', join(root, 'src'), '/workspace/small/src',
      '--ro-bind', '/dev/null', '/workspace/small/.env', '--tmpfs', '/workspace/small/.git', '--ro-bind', '/dev/null', '/workspace/small/pipe',
    ]);
    const script = join(dir, 'small-binds.sh');
    writeFileSync(script, `binds=(\n${plan.stdout.replaceAll(' \\\n', '\n')})\n`);
    const probe = [
      'ls -A /workspace/small/.git | sed "s/^/GIT /"',
      '[ -p /workspace/small/pipe ] && echo "FIFO"',
      'grep -rl ghp_ /workspace 2>/dev/null | sed "s/^/TOKEN /"',
      '(: >> /workspace/small/src/index.js) 2>/dev/null && echo "WRITABLE src/index.js"',
      '(: >> /workspace/small/docs/guide.md) 2>/dev/null && echo "WRITABLE docs/guide.md"',
      'find /workspace -type f | sort | sed "s/^/FILE /"',
      'exit 0',
    ].join('\n');
    const check = makeTree(join(dir, 'small-check'), { 'check.sh': probe });
    const run = spawnSync('bash', ['-c', `source ${script}; exec bwrap ${BWRAP_SYSTEM} --ro-bind "$1" /check "\${binds[@]}" /bin/sh /check/check.sh`, 'bash', check], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const clean = listFiles(root).filter((p) => p !== '.env' && !p.startsWith('.git/'));
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      'WRITABLE src/index.js',
      // find lists the masked .env by its folder entry; reading it fails (above: no TOKEN line).
      ...['.env', ...clean].map((p) => `/workspace/small/${p}`).sort().map((p) => `FILE ${p}`),
    ]);
  });
});
