import { describe, expect, it } from 'vitest';
import type { Flag } from '../../src/mount/causes.js';
import type { FlagsByRoot } from '../../src/mount/flag-paths.js';
import type { FolderEntry, Plan } from '../../src/mount/plan.js';
import { ancestorsOf, foldersToList, locate, planMounts, type PlanInput } from '../../src/mount/plan-mounts.js';

const ROOT = '/home/me/app';
const block: Flag = { cause: 'block', reason: 'blocking finding: test' };

/** Listings written as `{ folder: 'name/ file name@ ...' }`: `/` marks a folder, `@` a link, `!` a FIFO. */
function listings(spec: Record<string, string>): Map<string, FolderEntry[] | undefined> {
  return new Map(
    Object.entries(spec).map(([folder, names]) => [
      folder,
      names.split(' ').filter(Boolean).map((n): FolderEntry => {
        const kind = n.endsWith('/') ? 'dir' : n.endsWith('@') ? 'link' : n.endsWith('!') ? 'special' : 'file';
        return { name: kind === 'file' ? n : n.slice(0, -1), kind };
      }),
    ]),
  );
}

function flags(root: string, entries: Record<string, Flag>): FlagsByRoot {
  return new Map([[root, new Map(Object.entries(entries))]]);
}

function plan(input: Partial<PlanInput> & Pick<PlanInput, 'flags' | 'listings'>): Plan {
  const result = planMounts({ roots: [ROOT], rw: [], canMountFiles: true, ...input });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.value;
}

const mounts = (p: Plan) => p.mounts.map((m) => `${m.mode} ${m.kind} ${m.path}`);
const excluded = (p: Plan) => p.excluded.map((e) => `${e.cause} ${e.kind} ${e.path}`);

describe('planMounts', () => {
  it('mounts a clean root whole, read-only', () => {
    const p = plan({ flags: flags(ROOT, {}), listings: new Map() });
    expect(mounts(p)).toEqual([`ro dir ${ROOT}`]);
    expect(p.excluded).toEqual([]);
  });

  it('splits only the folders on the way to a flagged file; clean folders stay whole', () => {
    const p = plan({
      flags: flags(ROOT, { 'certs/server.key': block, '.env': block }),
      listings: listings({ [ROOT]: '.env README.md certs/ src/ docs/', [`${ROOT}/certs`]: 'server.key server.crt ca/' }),
    });
    expect(mounts(p)).toEqual([
      `ro file ${ROOT}/README.md`,
      `ro dir ${ROOT}/certs/ca`,
      `ro file ${ROOT}/certs/server.crt`,
      `ro dir ${ROOT}/docs`,
      `ro dir ${ROOT}/src`,
    ]);
    expect(excluded(p)).toEqual([`block file ${ROOT}/.env`, `block file ${ROOT}/certs/server.key`]);
    expect(p.excluded[0]!.reason).toBe('blocking finding: test');
  });

  it('lists clean files beside a flagged one as left out when the target shares folders only', () => {
    const p = plan({
      flags: flags(ROOT, { '.env': block }),
      listings: listings({ [ROOT]: '.env README.md src/' }),
      canMountFiles: false,
    });
    expect(mounts(p)).toEqual([`ro dir ${ROOT}/src`]);
    expect(excluded(p)).toEqual([`block file ${ROOT}/.env`, `single-file file ${ROOT}/README.md`]);
  });

  it('never mounts a link or a special file beside a flagged file (a bind mount follows links)', () => {
    const p = plan({ flags: flags(ROOT, { '.env': block }), listings: listings({ [ROOT]: '.env key@ fifo! src/' }) });
    expect(mounts(p)).toEqual([`ro dir ${ROOT}/src`]);
    expect(excluded(p)).toEqual([`block file ${ROOT}/.env`, `special special ${ROOT}/fifo`, `link link ${ROOT}/key`]);
  });

  it('leaves out a folder it cannot list, whole', () => {
    const p = plan({ flags: flags(ROOT, { 'a/b/.env': block }), listings: new Map([[ROOT, [{ name: 'a', kind: 'dir' }]], [`${ROOT}/a`, undefined]]) });
    expect(p.mounts).toEqual([]);
    expect(excluded(p)).toEqual([`unlistable dir ${ROOT}/a`]);
  });

  it('leaves out a flagged folder whole (a .git whose history holds a secret)', () => {
    const history: Flag = { cause: 'history', reason: 'git history holds a finding' };
    const p = plan({ flags: flags(ROOT, { '.git': history }), listings: listings({ [ROOT]: '.git/ src/ package.json' }) });
    expect(mounts(p)).toEqual([`ro file ${ROOT}/package.json`, `ro dir ${ROOT}/src`]);
    expect(excluded(p)).toEqual([`history dir ${ROOT}/.git`]);
  });

  it('mounts nothing of a flagged root', () => {
    const p = plan({ flags: flags(ROOT, { '': block }), listings: new Map() });
    expect(p.mounts).toEqual([]);
    expect(excluded(p)).toEqual([`block dir ${ROOT}`]);
  });

  it('handles / as a root', () => {
    const p = plan({ roots: ['/'], flags: flags('/', { 'etc/shadow': block }), listings: listings({ '/': 'etc/ usr/', '/etc': 'shadow hosts' }) });
    expect(mounts(p)).toEqual(['ro file /etc/hosts', 'ro dir /usr']);
    expect(excluded(p)).toEqual(['block file /etc/shadow']);
  });

  it('plans each root on its own; a repeated root once', () => {
    const other = '/home/me/notes';
    const p = plan({
      roots: [ROOT, other, ROOT],
      flags: new Map([[ROOT, new Map()], [other, new Map([['x.key', block]])]]),
      listings: listings({ [other]: 'x.key a.md' }),
    });
    expect(mounts(p)).toEqual([`ro dir ${ROOT}`, `ro file ${other}/a.md`]);
  });

  it('refuses nested roots', () => {
    const result = planMounts({ roots: [ROOT, `${ROOT}/src`], flags: new Map(), listings: new Map(), rw: [], canMountFiles: true });
    expect(result).toEqual({ ok: false, errors: [`${ROOT}/src is inside ${ROOT}: plan one or the other`] });
  });
});

describe('planMounts --rw', () => {
  const base = { flags: flags(ROOT, { '.env': block }), listings: listings({ [ROOT]: '.env README.md src/ docs/', [`${ROOT}/src`]: 'gen/ main.ts' }) };

  it('makes a planned mount read-write, and only it', () => {
    const p = plan({ ...base, rw: [`${ROOT}/docs`] });
    expect(mounts(p)).toEqual([`ro file ${ROOT}/README.md`, `rw dir ${ROOT}/docs`, `ro dir ${ROOT}/src`]);
  });

  it('makes every mount under a split folder read-write; flagged files stay out', () => {
    const p = plan({ ...base, rw: [ROOT] });
    expect(mounts(p)).toEqual([`rw file ${ROOT}/README.md`, `rw dir ${ROOT}/docs`, `rw dir ${ROOT}/src`]);
    expect(excluded(p)).toEqual([`block file ${ROOT}/.env`]);
  });

  it('splits a clean folder around a --rw path inside it, so the rest stays read-only', () => {
    const p = plan({ ...base, rw: [`${ROOT}/src/gen`] });
    expect(mounts(p)).toEqual([`ro file ${ROOT}/README.md`, `ro dir ${ROOT}/docs`, `rw dir ${ROOT}/src/gen`, `ro file ${ROOT}/src/main.ts`]);
  });

  it('refuses a --rw path that is not in the plan, saying why', () => {
    const errors = (rw: string[]) => {
      const result = planMounts({ roots: [ROOT], rw, canMountFiles: true, ...base, listings: listings({ [ROOT]: '.env README.md link@ src/' }) });
      return result.ok ? [] : result.errors;
    };
    expect(errors([`${ROOT}/.env`])).toEqual([`--rw ${ROOT}/.env: left out of the plan (${ROOT}/.env: blocking finding: test)`]);
    expect(errors(['/etc'])).toEqual(['--rw /etc: not inside any folder being planned']);
    expect(errors([`${ROOT}/nope`])).toEqual([`--rw ${ROOT}/nope: no such file or folder in the scanned tree`]);
    const onlyFlagged = planMounts({ roots: [ROOT], rw: [`${ROOT}/certs`], canMountFiles: true, flags: flags(ROOT, { 'certs/server.key': block }), listings: listings({ [ROOT]: 'certs/ src/', [`${ROOT}/certs`]: 'server.key' }) });
    expect(onlyFlagged).toEqual({ ok: false, errors: [`--rw ${ROOT}/certs: nothing in it is in the plan (everything there is left out)`] });
    expect(errors([`${ROOT}/link`])).toEqual([`--rw ${ROOT}/link: a symbolic link; name the folder it points to`]);
  });
});

describe('path helpers', () => {
  it('ancestorsOf lists every proper ancestor, root first', () => {
    expect(ancestorsOf('')).toEqual([]);
    expect(ancestorsOf('a')).toEqual(['']);
    expect(ancestorsOf('a/b/c')).toEqual(['', 'a', 'a/b']);
  });

  it('locate finds the deepest root holding a path', () => {
    expect(locate(['/a', '/a/b'], '/a/b/c')).toEqual({ root: '/a/b', rel: 'c' });
    expect(locate(['/a'], '/a')).toEqual({ root: '/a', rel: '' });
    expect(locate(['/a'], '/ab')).toBeUndefined();
    expect(locate(['/'], '/x/y')).toEqual({ root: '/', rel: 'x/y' });
  });

  it('foldersToList names just the folders on the way to flagged and --rw paths', () => {
    expect(foldersToList([ROOT], flags(ROOT, { 'a/b/c.key': block }), [`${ROOT}/d/e`])).toEqual([ROOT, `${ROOT}/a`, `${ROOT}/a/b`, `${ROOT}/d`]);
    expect(foldersToList([ROOT], flags(ROOT, {}), [])).toEqual([]);
  });
});
