import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { BWRAP_SYSTEM as SYSTEM, describeBwrap } from '../helpers/bwrap.js';
import { BIN, runCli } from '../helpers/cli.js';
import { fakeGithubToken, fakePrivateKey, git, listFiles, tempDir, makeTree } from '../helpers/project-tree.js';

/** Runs inside the sandbox: hashes every file it can see, probes the flagged paths and writability. */
const CHECK = `
find /workspace -type f -exec sha256sum {} + | sed 's/^/FILE /'
while IFS= read -r path; do [ -e "$path" ] && echo "REACHABLE $path"; done < /check/flagged
while IFS= read -r path; do if (: >> "$path") 2>/dev/null; then echo "WRITABLE $path"; else echo "READONLY $path"; fi; done < /check/probe
exit 0
`;

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function project(dir: string): string {
  const root = makeTree(join(dir, 'app'), {
    '.env': `PORT=3000\nGITHUB_TOKEN=${fakeGithubToken()}\n`,
    'certs/server.key': fakePrivateKey(),
    'certs/server.crt': 'public certificate\n',
    'src/index.js': 'console.log("hello");\n',
    'src/lib/util.js': 'export const x = 1;\n',
    "My Docs/it's \"quoted\", ü.md": '# notes\n',
    'README.md': '# app\n',
  });
  // A token committed and then removed: the .git must stay out of the sandbox.
  makeTree(root, { 'old.js': `const t = "${fakeGithubToken()}";\n` });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', 'old.js', 'src', 'README.md');
  git(root, 'commit', '-qm', 'first');
  git(root, 'rm', '-q', 'old.js');
  git(root, 'commit', '-qm', 'remove the token');
  return root;
}

function runSandbox(dir: string, planArgs: string, flagged: string[], probe: string[]): string[] {
  const check = makeTree(join(dir, `check-${Math.random().toString(36).slice(2)}`), {
    'check.sh': CHECK,
    flagged: `${flagged.join('\n')}\n`,
    probe: `${probe.join('\n')}\n`,
  });
  // The plan is pasted into a shell script as a user would paste it.
  const script = join(check, 'run.sh');
  writeFileSync(script, `exec bwrap ${SYSTEM} --ro-bind ${check} /check \\\n${planArgs.trimEnd()} \\\n/bin/sh /check/check.sh\n`);
  const run = spawnSync('bash', [script], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout.split('\n').filter(Boolean);
}

describeBwrap('the bwrap plan applied for real', () => {
  it('shows every clean file at its mount point, read-only, and nothing flagged', () => {
    const dir = tempDir();
    const root = project(dir);
    const plan = runCli(['plan', root, '--target', 'bwrap']);
    expect(plan.status).toBe(0);
    expect(plan.stderr).toMatch(/\.git: git history holds a finding/);

    const flagged = ['.env', 'certs/server.key', '.git/HEAD', '.git/config'].map((p) => `/workspace/app/${p}`);
    const clean = listFiles(root).filter((p) => !['.env', 'certs/server.key'].includes(p) && !p.startsWith('.git/'));
    const lines = runSandbox(dir, plan.stdout, flagged, clean.map((p) => `/workspace/app/${p}`));

    const seen = Object.fromEntries(lines.filter((l) => l.startsWith('FILE ')).map((l) => [l.slice(5 + 64 + 2), l.slice(5, 5 + 64)]));
    expect(seen).toEqual(Object.fromEntries(clean.map((p) => [`/workspace/app/${p}`, sha256(join(root, p))])));
    expect(lines.filter((l) => l.startsWith('REACHABLE'))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('WRITABLE'))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('READONLY'))).toHaveLength(clean.length);
  });

  it('makes exactly the --rw folder writable', () => {
    const dir = tempDir();
    const root = project(dir);
    const plan = runCli(['plan', root, '--target', 'bwrap', '--rw', join(root, 'src')]);
    expect(plan.status).toBe(0);
    const probe = ['src/index.js', 'src/lib/util.js', 'README.md', 'certs/server.crt'].map((p) => `/workspace/app/${p}`);
    const lines = runSandbox(dir, plan.stdout, [], probe);
    expect(lines.filter((l) => !l.startsWith('FILE '))).toEqual([
      'WRITABLE /workspace/app/src/index.js',
      'WRITABLE /workspace/app/src/lib/util.js',
      'READONLY /workspace/app/README.md',
      'READONLY /workspace/app/certs/server.crt',
    ]);
  });

  it('bwrap-args: NUL-separated arguments read with mapfile give bwrap exactly the plan, even for names with spaces, quotes and line breaks', () => {
    const dir = tempDir();
    const root = project(dir);
    makeTree(root, { 'odd\nname dir/file $x.txt': 'odd\n' });
    const out = join(dir, 'binds.bin');
    const plan = spawnSync('bash', ['-c', '"$0" "$1" plan "$2" --target bwrap-args > "$3"', process.execPath, BIN, root, out], { encoding: 'utf8' });
    expect(plan.status).toBe(0);
    const args = readFileSync(out, 'utf8').split('\0');
    expect(args.pop()).toBe('');
    expect(args.length % 3).toBe(0);
    for (let i = 0; i < args.length; i += 3) expect(args[i]).toBe('--ro-bind');
    expect(args).toContain(join(root, 'odd\nname dir'));
    const check = makeTree(join(dir, 'check'), { 'list.sh': 'find /workspace -type f | sort\n' });
    const run = spawnSync('bash', ['-c', `mapfile -d '' binds < "$1"; exec bwrap ${SYSTEM} --ro-bind "$2" /check "\${binds[@]}" /bin/sh /check/list.sh`, 'bash', out, check], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const seen = run.stdout.split('\n').filter(Boolean);
    expect(seen).toContain('/workspace/app/odd\nname dir/file $x.txt'.split('\n')[0]);
    expect(seen.some((p) => p.endsWith('/.env') || p.endsWith('/server.key'))).toBe(false);
    expect(seen).toContain('/workspace/app/src/index.js');
  });
});
