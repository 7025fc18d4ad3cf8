import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findIntroductions, listHistoryBlobs, listWorkTreeBlobs, splitPaths, type Introduction, type IntroductionMemory, type PathMemory } from '../../src/git/history.js';
import { useRepo } from '../helpers/git-repo.js';
import { useTempDir } from '../helpers/temp-dir.js';

/** A memory that records what it is told and answers with what the test planted. */
function memory(planted?: { digest: string; paths: Map<string, string> }) {
  const told: { digest: string; paths: Map<string, string> }[] = [];
  const store: PathMemory = { recall: () => planted, remember: (digest, paths) => told.push({ digest, paths }) };
  return { store, told };
}

describe('blob paths remembered between scans', () => {
  function repository() {
    const repo = useRepo();
    repo.write('config/.env', 'TOKEN=one\n').commit('add env');
    repo.git('mv', 'config/.env', 'config/old.env');
    repo.commit('rename');
    repo.write('src/app.js', 'x\n').commit('app');
    return { repo, at: { gitDir: join(repo.dir, '.git'), workTree: repo.dir } };
  }

  it('walks the history when nothing is remembered, and remembers each blob\'s path with the object list\'s digest', async () => {
    const { at } = repository();
    const { store, told } = memory();
    const blobs = await listHistoryBlobs(at, store);
    if (!blobs.ok) throw new Error(blobs.errors.join('\n'));
    expect(blobs.value.blobs.map((b) => b.path).sort()).toEqual(['config/old.env', 'src/app.js']);
    expect(told).toHaveLength(1);
    expect([...told[0]!.paths.values()].sort()).toEqual(['config/old.env', 'src/app.js']);
  });

  it('takes the remembered paths while the objects are the same, and walks again once they change', async () => {
    const { repo, at } = repository();
    const first = memory();
    await listHistoryBlobs(at, first.store);
    const { digest, paths } = first.told[0]!;
    // Paths no walk would give: seeing them proves the walk was skipped.
    const planted = new Map([...paths].map(([oid]) => [oid, `remembered/${oid.slice(0, 6)}`]));
    const same = memory({ digest, paths: planted });
    const reused = await listHistoryBlobs(at, same.store);
    if (!reused.ok) throw new Error(reused.errors.join('\n'));
    expect(reused.value.blobs.every((b) => b.path?.startsWith('remembered/'))).toBe(true);
    expect(same.told).toHaveLength(0);

    repo.write('secrets/.npmrc', '//registry.npmjs.org/:_authToken=x\n').commit('more');
    const changed = memory({ digest, paths: planted });
    const walked = await listHistoryBlobs(at, changed.store);
    if (!walked.ok) throw new Error(walked.errors.join('\n'));
    expect(walked.value.blobs.map((b) => b.path).sort()).toEqual(['config/old.env', 'secrets/.npmrc', 'src/app.js']);
    expect(changed.told).toHaveLength(1);
    expect(changed.told[0]!.digest).not.toBe(digest);
  });

  it('lists the same paths with a git too old for the blob-only walk (rev-list --filter=object:type=blob)', async () => {
    const { at } = repository();
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const bin = useTempDir();
    // A git that refuses object-type filters, as git before 2.32 does, and is itself otherwise.
    writeFileSync(
      join(bin, 'git'),
      `#!/bin/sh\nfor arg in "$@"; do case "$arg" in --filter=object:type=*) echo "fatal: invalid filter-spec '\${arg#--filter=}'" >&2; exit 128;; esac; done\nexec '${realGit}' "$@"\n`,
    );
    chmodSync(join(bin, 'git'), 0o755);
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    try {
      const blobs = await listHistoryBlobs(at, memory().store);
      if (!blobs.ok) throw new Error(blobs.errors.join('\n'));
      expect(blobs.value.blobs.map((b) => b.path).sort()).toEqual(['config/old.env', 'src/app.js']);
    } finally {
      process.env.PATH = path;
    }
  });

  it('remembers the commits that introduced blobs with the object list\'s digest, and walks the log again when it changes', async () => {
    const { repo, at } = repository();
    const listed = await listHistoryBlobs(at);
    if (!listed.ok) throw new Error(listed.errors.join('\n'));
    const { blobs, digest } = listed.value;
    const env = blobs.find((b) => b.path === 'config/old.env')!.oid;
    const unknown = 'f'.repeat(40);
    const told: Map<string, Introduction | null>[] = [];
    let planted: Map<string, Introduction | null> | undefined;
    const memory: IntroductionMemory = { recall: (d) => (d === digest ? planted : undefined), remember: (_, found) => told.push(found) };

    const walked = await findIntroductions(at, new Set([env, unknown]), { memory, digest });
    const first = repo.git('rev-list', '--max-parents=0', 'HEAD').toString().trim();
    expect(walked.get(env)).toEqual({ commit: first, path: 'config/.env' });
    expect(told).toHaveLength(1);
    expect(told[0]!.get(env)).toEqual({ commit: first, path: 'config/.env' });
    expect(told[0]!.get(unknown)).toBeNull(); // known to have no commit: no walk for it next time

    // A commit no walk would give: seeing it proves the log was not read.
    planted = new Map([[env, { commit: 'c'.repeat(40), path: 'remembered.env' }], [unknown, null]]);
    const recalled = await findIntroductions(at, new Set([env, unknown]), { memory, digest });
    expect(recalled.get(env)).toEqual({ commit: 'c'.repeat(40), path: 'remembered.env' });
    expect(recalled.has(unknown)).toBe(false);
    expect(told).toHaveLength(1);

    const other = await findIntroductions(at, new Set([env]), { memory, digest: 'another object list' });
    expect(other.get(env)).toEqual({ commit: first, path: 'config/.env' });
    expect(told).toHaveLength(2);
  });
});

describe('a work tree\'s unchanged tracked files', () => {
  it('lists the ids and paths of tracked files not changed since the index, and nothing for a bare repository', async () => {
    const repo = useRepo();
    repo.write('a.txt', 'one\n').write('dir/b c.txt', 'two\n').write('edited.txt', 'three\n').write('z/last.txt', 'four\n').commit('files');
    repo.write('edited.txt', 'changed\n').write('untracked.txt', 'new\n');
    const listed = await listWorkTreeBlobs({ gitDir: join(repo.dir, '.git'), workTree: repo.dir });
    expect(splitPaths(listed.paths)).toEqual(['a.txt', 'dir/b c.txt', 'z/last.txt']);
    expect([...listed.oids].sort()).toEqual(['a.txt', 'dir/b c.txt', 'z/last.txt'].map((path) => repo.git('rev-parse', `HEAD:${path}`)).sort());
    const bare = await listWorkTreeBlobs({ gitDir: join(repo.dir, '.git') });
    expect([bare.oids.size, bare.paths]).toEqual([0, '']);
  });

  it('reads back every path of a NUL-separated list, and none of an empty one', () => {
    expect(splitPaths('')).toEqual([]);
    expect(splitPaths('only')).toEqual(['only']);
    expect(splitPaths('a\0b/c\0d')).toEqual(['a', 'b/c', 'd']);
  });
});
