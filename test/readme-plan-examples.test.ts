import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { TARGETS, type Target } from '../src/mount/targets.js';
import { BIN, REPO_DIR } from './helpers/cli.js';
import { composeSchemaErrors } from './helpers/compose-schema.js';
import { dockerClientRejects, hasDockerClient, parseDockerMount } from './helpers/parse-back.js';
import { fakeGithubToken, fakePrivateKey, listFiles, makeTree } from './helpers/project-tree.js';
import { useTempDir } from './helpers/temp-dir.js';

/** The README's shell blocks that use `airlock plan` on its example project, `~/code/app`. */
const EXAMPLES = [...readFileSync(join(REPO_DIR, 'README.md'), 'utf8').matchAll(/^```sh\n([\s\S]*?)^```$/gm)]
  .map((m) => m[1]!)
  .filter((block) => block.includes('airlock plan ~/code/app'));

const targetsOf = (block: string) => [...block.matchAll(/--target ([\w-]+)/g)].map((m) => m[1] as Target);
const exampleFor = (target: Target) => EXAMPLES.find((block) => targetsOf(block).includes(target))!;

const FLAGGED = ['.env', 'certs/server.key'];

/** A home with the README's project in it: a token in .env, a private key in certs/, clean source beside them. */
function home() {
  const dir = useTempDir('airlock-readme-plan-');
  const root = makeTree(join(dir, 'home/code/app'), {
    '.env': `GITHUB_TOKEN=${fakeGithubToken()}\n`,
    'certs/server.key': fakePrivateKey(),
    'certs/server.crt': 'public certificate\n',
    'src/index.js': 'console.log("app");\n',
    "src/it's \"odd\", isn't it.js": 'export {};\n',
    'README.md': '# app\n',
  });
  const work = join(dir, 'work');
  mkdirSync(work);
  return { home: join(dir, 'home'), root, work, clean: listFiles(root).filter((p) => !FLAGGED.includes(p)) };
}

/**
 * Runs a README block as written, in bash, with HOME at the example home: `airlock` is the built
 * CLI, `docker` records its arguments (no engine here). `stdin` goes to the block (the `bash` a
 * sandbox example starts reads it as its script).
 */
function runExample(block: string, at: ReturnType<typeof home>, stdin = '') {
  const prelude = [
    `airlock() { "${process.execPath}" "${BIN}" "$@"; }`,
    `docker() { printf '%s\\0' "$@" > "${at.work}/docker.args"; }`,
    `cd "${at.work}"`,
  ].join('\n');
  const run = spawnSync('bash', ['-c', `${prelude}\n${block}`], { encoding: 'utf8', input: stdin, env: { ...process.env, HOME: at.home, NO_COLOR: '1' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** What the sandbox's bash runs: every file it sees, with its hash, and every flagged file it can read. */
const CHECK = [
  'find /workspace -type f -exec sha256sum {} + | sed "s/^/FILE /"',
  ...FLAGGED.map((p) => `[ -r /workspace/app/${p} ] && echo "READABLE ${p}"`),
  'exit 0',
].join('\n');

describe('README: every plan target as the README uses it', () => {
  it('has one example per target', () => {
    for (const target of TARGETS) expect(exampleFor(target), target).toBeDefined();
  });

  it.each(['bwrap', 'bwrap-args'] as const)('%s: the sandbox sees every clean file, with its content, and no flagged one', (target) => {
    const at = home();
    const run = runExample(exampleFor(target), at, CHECK);
    expect(run.stderr).toMatch(/plan for bwrap(-args)?: 3 mounts \(all read-only\), 2 left out/);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n').filter(Boolean);
    const seen = Object.fromEntries(lines.filter((l) => l.startsWith('FILE ')).map((l) => [l.slice(5 + 64 + 2), l.slice(5, 5 + 64)]));
    expect(seen).toEqual(Object.fromEntries(at.clean.map((p) => [`/workspace/app/${p}`, sha256(join(at.root, p))])));
    expect(lines.filter((l) => !l.startsWith('FILE '))).toEqual([]);
  });

  it('docker: `docker run` gets well-formed read-only --mount specs for the clean parts, which the docker client accepts', () => {
    const at = home();
    const run = runExample(exampleFor('docker'), at);
    expect(run.status, run.stderr).toBe(0);
    const args = readFileSync(join(at.work, 'docker.args'), 'utf8').split('\0').slice(0, -1);
    expect(args.slice(0, 3)).toEqual(['run', '--rm', '-it']);
    expect(args.slice(-4)).toEqual(['-w', '/workspace/app', 'node:22', 'bash']);
    const flags = args.slice(3, -4);
    expect(flags.filter((_, i) => i % 2 === 0).every((f) => f === '--mount')).toBe(true);
    const specs = flags.filter((_, i) => i % 2 === 1);
    expect(specs.map(parseDockerMount)).toEqual(['README.md', 'certs/server.crt', 'src'].map((p) => ({ type: 'bind', source: `${at.root}/${p}`, target: `/workspace/app/${p}`, readonly: true })));
    if (hasDockerClient()) expect(dockerClientRejects(specs)).toBeUndefined();
  });

  it('compose: the volumes block, pasted under a service, conforms to the Compose Specification schema', () => {
    const at = home();
    const run = runExample(exampleFor('compose'), at);
    expect(run.status, run.stderr).toBe(0);
    const pasted = parseYaml(readFileSync(join(at.work, 'airlock-volumes.yaml'), 'utf8')) as { volumes: { source: string; read_only: boolean }[] };
    expect(composeSchemaErrors({ services: { app: { image: 'node:22', ...pasted } } })).toEqual([]);
    expect(pasted.volumes.map((v) => v.source)).toEqual(['README.md', 'certs/server.crt', 'src'].map((p) => `${at.root}/${p}`));
    expect(pasted.volumes.every((v) => v.read_only)).toBe(true);
    // The schema is not a rubber stamp: the short-form key `readonly` is refused.
    expect(composeSchemaErrors({ services: { app: { image: 'node:22', volumes: [{ type: 'bind', source: '/a', target: '/b', readonly: true }] } } })).not.toEqual([]);
  });

  it('devcontainer: the three documented properties, with mounts in the documented string form', () => {
    const at = home();
    const run = runExample(exampleFor('devcontainer'), at);
    expect(run.status, run.stderr).toBe(0);
    const props = JSON.parse(readFileSync(join(at.work, 'airlock-devcontainer.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(props)).toEqual(['workspaceMount', 'workspaceFolder', 'mounts']);
    expect(typeof props.workspaceMount).toBe('string');
    expect(props.workspaceFolder).toBe('/workspaces/app');
    const mounts = props.mounts as string[];
    expect(mounts.every((m) => typeof m === 'string')).toBe(true);
    expect(parseDockerMount(props.workspaceMount as string)).toEqual({ type: 'tmpfs', target: '/workspaces/app', readonly: false });
    expect(mounts.map(parseDockerMount).map((m) => m.target)).toEqual(['README.md', 'certs/server.crt', 'src'].map((p) => `/workspaces/app/${p}`));
    if (hasDockerClient()) expect(dockerClientRejects([props.workspaceMount as string, ...mounts])).toBeUndefined();
  });

  it('claude: permissions.deny rules, src editable', () => {
    const at = home();
    const run = runExample(exampleFor('claude'), at);
    expect(run.status, run.stderr).toBe(0);
    const { permissions } = JSON.parse(readFileSync(join(at.work, 'airlock-claude.json'), 'utf8')) as { permissions: { deny: string[] } };
    expect(permissions.deny).toContain(`Read(/${at.root}/.env)`);
    expect(permissions.deny).toContain(`Edit(/${at.root}/README.md)`);
    expect(permissions.deny.filter((r) => r.includes('/src'))).toEqual([]);
  });

  it('cowork and json: the steps, and the plan as JSON', () => {
    const at = home();
    const run = runExample(exampleFor('json'), at);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`add this folder:\n       ${at.root}/src\n`);
    const plan = JSON.parse(readFileSync(join(at.work, 'airlock-plan.json'), 'utf8')) as { excluded: { path: string }[] };
    expect(plan.excluded.map((e) => e.path)).toEqual(FLAGGED.map((p) => `${at.root}/${p}`));
  });
});
