import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { TARGETS, type Target } from '../../src/mount/targets.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { dockerClientRejects, hasDockerClient, parseDockerMount, shellWords } from '../helpers/parse-back.js';
import { fakeGithubToken, fakePrivateKey, makeTree } from '../helpers/project-tree.js';

/**
 * A new user's first project: a .env with a token, a private key in certs/, clean source.
 * Each target's output goes into the tool it is for (or that tool's parser).
 */
describe('airlock plan --target T on a project with .env, certs/server.key and src/', () => {
  let root = '';
  const runs = {} as Record<Target, CliRun>;
  const dir = mkdtempSync(join(tmpdir(), 'airlock-new-user-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(() => {
    root = makeTree(join(dir, 'shop'), {
      '.env': `PORT=3000\nGITHUB_TOKEN=${fakeGithubToken()}\n`,
      'certs/server.key': fakePrivateKey(),
      'src/server.js': 'require("http").createServer().listen(process.env.PORT);\n',
      'src/routes/index.js': 'module.exports = [];\n',
      'package.json': '{ "name": "shop" }\n',
    });
    for (const target of TARGETS) runs[target] = runCli(['plan', root, '--target', target]);
  });

  it('prints a plan for every target (exit 0) and says on stderr what it left out', () => {
    for (const target of TARGETS) {
      expect(runs[target].status, target).toBe(0);
      expect(runs[target].stderr, target).toContain(`- ${root}/.env: blocking finding: `);
      expect(runs[target].stderr, target).toMatch(/- .*\/certs\/server\.key: blocking finding: /);
    }
  });

  const expectedBinds = (base: string) => [
    { source: `${root}/package.json`, target: `${base}/shop/package.json`, readonly: true },
    { source: `${root}/src`, target: `${base}/shop/src`, readonly: true },
  ];

  it('docker: the flags parse in a shell, and the docker client accepts each --mount', () => {
    const words = shellWords(runs.docker.stdout);
    const specs = words.filter((_, i) => i % 2 === 1);
    expect(words.filter((_, i) => i % 2 === 0)).toEqual(['--mount', '--mount']);
    if (hasDockerClient()) expect(dockerClientRejects(specs)).toBeUndefined();
    expect(specs.map(parseDockerMount)).toEqual(expectedBinds('/workspace').map((b) => ({ type: 'bind', ...b })));
  });

  it('compose: valid YAML with a long-syntax bind volume per mount', () => {
    expect(parseYaml(runs.compose.stdout)).toEqual({
      volumes: expectedBinds('/workspace').map((b) => ({ type: 'bind', source: b.source, target: b.target, read_only: true, bind: { create_host_path: false } })),
    });
  });

  it('devcontainer: valid JSON; the split workspace is a tmpfs holding the clean parts', () => {
    const document = JSON.parse(runs.devcontainer.stdout) as { workspaceMount: string; workspaceFolder: string; mounts: string[] };
    expect(document.workspaceFolder).toBe('/workspaces/shop');
    expect(parseDockerMount(document.workspaceMount)).toEqual({ type: 'tmpfs', target: '/workspaces/shop', readonly: false });
    expect(document.mounts.map(parseDockerMount)).toEqual(expectedBinds('/workspaces').map((b) => ({ type: 'bind', ...b })));
    if (hasDockerClient()) expect(dockerClientRejects([document.workspaceMount, ...document.mounts])).toBeUndefined();
  });

  it('bwrap: shell words, read-only binds', () => {
    expect(shellWords(runs.bwrap.stdout)).toEqual(expectedBinds('/workspace').flatMap((b) => ['--ro-bind', b.source, b.target]));
  });

  it('claude: valid JSON denying Read and Edit of what is left out, and Edit of the rest', () => {
    const { permissions } = JSON.parse(runs.claude.stdout) as { permissions: { deny: string[] } };
    expect(permissions.deny).toEqual([
      `Read(/${root}/.env)`, `Edit(/${root}/.env)`,
      `Read(/${root}/certs/server.key)`, `Edit(/${root}/certs/server.key)`,
      `Edit(/${root}/package.json)`, `Edit(/${root}/src)`, `Edit(/${root}/src/**)`,
    ]);
    expect(runs.claude.stderr).toMatch(/pass --rw PATH for the folders it may edit/);
  });

  it('cowork: the one folder to add, step by step; the file beside the flagged ones left out by name', () => {
    expect(runs.cowork.stdout).toContain(`  2. When it asks which folder to work in, add this folder:\n       ${root}/src\n`);
    expect(runs.cowork.stdout).toContain(`  3. Do not add this folder, nor any folder above it; that would share what is left out below:\n       ${root}\n`);
    expect(runs.cowork.stdout).toContain(`  ${root}/package.json — clean file beside a flagged one; this target shares folders only`);
  });

  it('json: the plan alone', () => {
    const plan = JSON.parse(runs.json.stdout) as { mounts: { path: string }[]; excluded: { path: string }[] };
    expect(plan.mounts.map((m) => m.path)).toEqual([`${root}/package.json`, `${root}/src`]);
    expect(plan.excluded.map((e) => e.path)).toEqual([`${root}/.env`, `${root}/certs/server.key`]);
  });
});
