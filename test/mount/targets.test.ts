import ignore from 'ignore';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { rootDestinations } from '../../src/mount/destinations.js';
import type { Plan } from '../../src/mount/plan.js';
import type { RenderInput, Rendering } from '../../src/mount/rendering.js';
import { RENDERERS } from '../../src/mount/renderers.js';
import { TARGET_SPECS, TARGETS, type Target } from '../../src/mount/targets.js';
import { dockerClientRejects, hasDockerClient, parseDockerMount, shellWords } from '../helpers/parse-back.js';

/** Roots and files whose names need every kind of quoting: spaces, both quotes, commas, $, globs, braces, non-ASCII. */
const NASTY = `/home/me/my app's "src", ü $HOME {a,b} *`;
const PLAN: Plan = {
  roots: [NASTY, '/x/app', '/y/app'],
  mounts: [
    { root: NASTY, rel: 'src dir', path: `${NASTY}/src dir`, kind: 'dir', mode: 'ro' },
    { root: NASTY, rel: `it's "quoted",ok.txt`, path: `${NASTY}/it's "quoted",ok.txt`, kind: 'file', mode: 'rw' },
    { root: '/x/app', rel: '', path: '/x/app', kind: 'dir', mode: 'ro' },
    { root: '/y/app', rel: '', path: '/y/app', kind: 'dir', mode: 'rw' },
  ],
  excluded: [
    { root: NASTY, rel: '.env', path: `${NASTY}/.env`, kind: 'file', cause: 'block', reason: 'blocking finding: test' },
    { root: NASTY, rel: 'keys [old]*', path: `${NASTY}/keys [old]*`, kind: 'dir', cause: 'block', reason: 'blocking finding: test' },
  ],
};

const inputFor = (target: Target, plan: Plan = PLAN): RenderInput => ({
  plan,
  destinations: rootDestinations(plan.roots, TARGET_SPECS[target].defaultDest ?? '/'),
});

function render(target: Target, plan: Plan = PLAN): Rendering {
  const result = RENDERERS[target](inputFor(target, plan));
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.value;
}

/** What each target must say about every mount: host path, sandbox path, read-only or not. */
const expected = (target: Target) => {
  const dest = rootDestinations(PLAN.roots, TARGET_SPECS[target].defaultDest ?? '/');
  return PLAN.mounts.map((m) => ({ source: m.path, target: m.rel ? `${dest.get(m.root)}/${m.rel}` : dest.get(m.root)!, readonly: m.mode === 'ro' }));
};

/** A compose value as compose reads it: `$$` is a literal `$`; any other `$` would be interpolated (or rejected). */
function unescapeCompose(value: string): string {
  return value.replace(/\$(\$)?/g, (all, escaped: string | undefined) => {
    if (escaped) return '$';
    throw new Error(`compose would interpolate the $ in ${value}`);
  });
}

/** Each target's output read back by its own parser. A target without an entry here fails the suite. */
const PARSE_BACK = {
  docker: (text) => {
    const words = shellWords(text);
    expect(words.filter((_, i) => i % 2 === 0).every((w) => w === '--mount')).toBe(true);
    const specs = words.filter((_, i) => i % 2 === 1);
    if (hasDockerClient()) expect(dockerClientRejects(specs)).toBeUndefined();
    expect(specs.map(parseDockerMount).map(({ source, target, readonly }) => ({ source, target, readonly }))).toEqual(expected('docker'));
  },
  bwrap: (text) => {
    const words = shellWords(text);
    const triples = Array.from({ length: words.length / 3 }, (_, i) => words.slice(i * 3, i * 3 + 3));
    expect(triples.map(([flag, source, target]) => ({ source, target, readonly: flag === '--ro-bind' }))).toEqual(expected('bwrap'));
    expect(triples.every(([flag]) => flag === '--ro-bind' || flag === '--bind')).toBe(true);
  },
  'bwrap-args': (text) => {
    // No shell in between: each argument is exactly the path, ended by a NUL.
    const words = text.split('\0');
    expect(words.pop()).toBe('');
    const triples = Array.from({ length: words.length / 3 }, (_, i) => words.slice(i * 3, i * 3 + 3));
    expect(triples.map(([flag, source, target]) => ({ source, target, readonly: flag === '--ro-bind' }))).toEqual(expected('bwrap-args'));
    expect(triples.every(([flag]) => flag === '--ro-bind' || flag === '--bind')).toBe(true);
  },
  compose: (text) => {
    const { volumes } = parseYaml(text) as { volumes: { type: string; source: string; target: string; read_only: boolean; bind: object }[] };
    expect(volumes.every((v) => v.type === 'bind' && JSON.stringify(v.bind) === '{"create_host_path":false}')).toBe(true);
    expect(volumes.map((v) => ({ source: unescapeCompose(v.source), target: unescapeCompose(v.target), readonly: v.read_only }))).toEqual(expected('compose'));
  },
  devcontainer: (text) => {
    const document = JSON.parse(text) as { workspaceMount: string; workspaceFolder: string; mounts: string[] };
    const workspace = parseDockerMount(document.workspaceMount);
    expect(workspace).toEqual({ type: 'tmpfs', target: `/workspaces/my app's "src", ü $HOME {a,b} *`, readonly: false });
    expect(document.workspaceFolder).toBe(workspace.target);
    if (hasDockerClient()) expect(dockerClientRejects([document.workspaceMount, ...document.mounts])).toBeUndefined();
    const binds = document.mounts.map(parseDockerMount);
    expect(binds.every((b) => b.type === 'bind')).toBe(true);
    expect(binds.map(({ source, target, readonly }) => ({ source, target, readonly }))).toEqual(expected('devcontainer'));
  },
  claude: (text) => {
    const { permissions } = JSON.parse(text) as { permissions: { deny: string[]; additionalDirectories: string[] } };
    expect(permissions.additionalDirectories).toEqual(['/x/app', '/y/app']);
    // The rules are gitignore patterns (`//` = from the file-system root): match them with a real gitignore matcher.
    const matcher = (tool: string) => {
      const patterns = permissions.deny.filter((r) => r.startsWith(`${tool}(`)).map((r) => r.slice(tool.length + 2, -1));
      return (path: string) => ignore().add(patterns).ignores(path.slice(1));
    };
    const [read, edit] = [matcher('Read'), matcher('Edit')];
    for (const path of [`${NASTY}/.env`, `${NASTY}/keys [old]*`, `${NASTY}/keys [old]*/id_rsa`]) {
      expect(read(path), path).toBe(true);
      expect(edit(path), path).toBe(true);
    }
    // Escaped, not globs: a sibling that a glob would match stays readable.
    expect(read(`${NASTY}/keys o*`)).toBe(false);
    expect(read(`${NASTY}/src dir/main.ts`)).toBe(false);
    expect(edit(`${NASTY}/src dir/main.ts`)).toBe(true); // read-only mount
    expect(edit(`${NASTY}/it's "quoted",ok.txt`)).toBe(false); // --rw
    expect(edit('/y/app/notes.md')).toBe(false); // --rw
    expect(edit('/x/app/notes.md')).toBe(true);
  },
  cowork: (text) => {
    const folders = [...text.matchAll(/^ {7}(\/.*)$/gm)].map((m) => m[1]);
    // Step 2 lists the folders to add; step 3 the folder not to add (the split root).
    expect(folders).toEqual([`${NASTY}/src dir`, `${NASTY}/it's "quoted",ok.txt`, '/x/app', '/y/app', NASTY]);
  },
  json: (text) => {
    const document = JSON.parse(text) as { mounts: { path: string; destination: string; mode: string; kind: string }[]; excluded: { path: string }[] };
    expect(document.mounts.map((m) => ({ source: m.path, target: m.destination, readonly: m.mode === 'ro' }))).toEqual(expected('json'));
    expect(document.excluded.map((e) => e.path)).toEqual(PLAN.excluded.map((e) => e.path));
  },
} satisfies Record<Target, (text: string) => void>;

describe('target renderings read back by their own parsers', () => {
  it('has a parse-back check for every target', () => {
    expect(Object.keys(PARSE_BACK).sort()).toEqual([...TARGETS].sort());
  });

  it.each(TARGETS)('%s', (target) => {
    PARSE_BACK[target](render(target).text);
  });

  it('keeps roots with the same name apart inside the sandbox', () => {
    expect([...rootDestinations(['/x/app', '/y/app', '/z/app-2', '/w/app'], '/workspace').values()]).toEqual([
      '/workspace/app', '/workspace/app-2', '/workspace/app-2-2', '/workspace/app-3',
    ]);
  });
});

describe('paths a target cannot express are refused, not mangled', () => {
  const withPath = (path: string): Plan => ({ roots: [path], mounts: [{ root: path, rel: '', path, kind: 'dir', mode: 'ro' }], excluded: [] });

  it.each(['docker', 'devcontainer'] as const)('%s refuses a line break in a path', (target) => {
    const result = RENDERERS[target](inputFor(target, withPath('/tmp/a\nb')));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.errors[0]).toMatch(/line break cannot be written for/);
  });

  it('devcontainer refuses ${…}, which it would substitute, in a host path or a sandbox path', () => {
    const result = RENDERERS.devcontainer(inputFor('devcontainer', withPath('/tmp/${localEnv:HOME}')));
    expect(result.ok ? [] : result.errors).toEqual([
      '"/workspaces/${localEnv:HOME}": devcontainer.json would substitute the ${…} in it; rename it, use --dest, or use `airlock stage`',
      '"/tmp/${localEnv:HOME}": devcontainer.json would substitute the ${…} in it; rename it, use --dest, or use `airlock stage`',
    ]);
  });

  it('bwrap and compose carry a line break faithfully', () => {
    expect(shellWords(render('bwrap', withPath('/tmp/a\nb')).text)).toEqual(['--ro-bind', '/tmp/a\nb', '/workspace/a\nb']);
    expect((parseYaml(render('compose', withPath('/tmp/a\nb')).text) as { volumes: { source: string }[] }).volumes[0]!.source).toBe('/tmp/a\nb');
  });

  it('devcontainer binds a clean workspace itself, read-only, instead of a tmpfs', () => {
    const document = JSON.parse(render('devcontainer', withPath('/src/app')).text) as { workspaceMount: string; mounts: string[] };
    expect(parseDockerMount(document.workspaceMount)).toEqual({ type: 'bind', source: '/src/app', target: '/workspaces/app', readonly: true });
    expect(document.mounts).toEqual([]);
  });
});
