import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobIndex, introductionOf, listHistoryBlobs, oidAt, readingOrder, type HistoryObjects } from '../../src/git/history-objects.js';
import { findIntroductions, listWorkTreeBlobs, pairedPaths, type Introduction, type IntroductionMemory } from '../../src/git/history.js';
import { objectFingerprint } from '../../src/git/object-fingerprint.js';
import { blobIdsOf } from '../../src/pipeline/blob-ids.js';
import { useRepo } from '../helpers/git-repo.js';
import { useTempDir } from '../helpers/temp-dir.js';

/** Each blob as `path@commit` (or `-` without one), in reading order. */
const described = (objects: HistoryObjects, commits: Map<string, string>) =>
  [...readingOrder(objects)].map(({ index }) => {
    const introduced = introductionOf(objects, index);
    return introduced ? `${introduced.path}@${commits.get(introduced.commit)}` : `-`;
  });

describe('the blobs of a repository', () => {
  function repository() {
    const repo = useRepo();
    const commits = new Map<string, string>();
    commits.set(repo.write('config/.env', 'TOKEN=one\n').commit('add env'), 'first');
    repo.git('mv', 'config/.env', 'config/old.env');
    commits.set(repo.commit('rename'), 'rename');
    commits.set(repo.write('src/app.js', 'x\n').commit('app'), 'app');
    commits.set(repo.write('src/app.js', 'y\n').commit('app again'), 'again');
    return { repo, commits, at: { gitDir: join(repo.dir, '.git'), workTree: repo.dir } };
  }

  it('come with the path and commit that introduced each, a path\'s versions oldest first, unreachable blobs last', async () => {
    const { repo, commits, at } = repository();
    // A blob no commit holds (as `git add` leaves one): listed, with no path.
    execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo.dir, input: 'loose and alone\n' });
    const listed = await listHistoryBlobs(at);
    if (!listed.ok) throw new Error(listed.errors.join('\n'));
    // The renamed file keeps the commit and path where its content first came in.
    // Paths come in the order the log (newest first) meets them.
    expect(described(listed.value, commits)).toEqual(['src/app.js@app', 'src/app.js@again', 'config/.env@first', '-']);
  });

  it('take their path and commit from history no ref reaches (a deleted branch), a reachable commit first', async () => {
    const { repo, commits, at } = repository();
    repo.git('checkout', '-q', '-b', 'side');
    // The side branch gives src/app.js two versions of its own, and puts the first .env's
    // content at a new path: that blob came in with the reachable commit, which it keeps.
    commits.set(repo.write('src/app.js', 'side\n').write('config/new.env', 'TOKEN=one\n').write('notes/side.md', 'only here\n').commit('side one'), 'side1');
    commits.set(repo.write('src/app.js', 'side two\n').commit('side two'), 'side2');
    repo.git('checkout', '-q', 'main');
    repo.git('branch', '-q', '-D', 'side');
    repo.git('reflog', 'expire', '--expire=now', '--all');
    expect(repo.git('rev-list', '--all', '--reflog')).not.toContain(repo.git('rev-parse', `${[...commits].find(([, name]) => name === 'side2')![0]}`).trim());
    const listed = await listHistoryBlobs(at);
    if (!listed.ok) throw new Error(listed.errors.join('\n'));
    // Each path's versions together, oldest first (paths in the order the walks meet them,
    // which the two walks running at once may change); the unreachable versions after the
    // reachable ones.
    const byPath = new Map<string, string[]>();
    for (const entry of described(listed.value, commits)) {
      const [path, commit] = entry.split('@');
      const group = byPath.get(path!) ?? [];
      if (group.length > 0 && [...byPath.keys()].at(-1) !== path) throw new Error(`${path}'s versions are not together`);
      byPath.set(path!, [...group, commit!]);
    }
    expect(Object.fromEntries(byPath)).toEqual({ 'src/app.js': ['app', 'again', 'side1', 'side2'], 'config/.env': ['first'], 'notes/side.md': ['side1'] });
    expect(listed.value.count).toBe(6);
  });

  it('are listed in id order from several packs and loose objects, ids that share their first bytes too', async () => {
    const { repo, at } = repository();
    // Two contents whose blob ids share their first four bytes (found by trying: about 2^16
    // tries for a pair), which the listing's sort on those bytes must still put in order.
    const seen = new Map<string, string>();
    let pair: [string, string] | undefined;
    for (let n = 0; !pair; n++) {
      const content = `filler ${n}\n`;
      const id = createHash('sha1').update(`blob ${Buffer.byteLength(content)}\0${content}`).digest('hex');
      const other = seen.get(id.slice(0, 8));
      if (other !== undefined) pair = [other, content];
      else seen.set(id.slice(0, 8), content);
    }
    for (const content of pair) execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo.dir, input: content });
    repo.git('gc', '-q');
    // A second pack, and a loose blob.
    repo.write('more/one.txt', 'one more\n').write('more/two.txt', 'two more\n').commit('more');
    repo.git('repack', '-d', '-q');
    execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo.dir, input: 'loose\n' });
    expect(repo.git('count-objects', '-v')).toMatch(/^packs: 2$/m);
    expect(repo.git('count-objects', '-v')).toMatch(/^count: [1-9]\d*$/m);
    const all = repo.git('cat-file', '--batch-all-objects', '--batch-check=%(objectname) %(objecttype)').split('\n').filter((line) => line.endsWith(' blob')).map((line) => line.split(' ')[0]!);

    const listed = await listHistoryBlobs(at);
    if (!listed.ok) throw new Error(listed.errors.join('\n'));
    const ids = Array.from({ length: listed.value.count }, (_, index) => oidAt(listed.value, index));
    expect(ids).toEqual(all);
    const [first, second] = pair.map((content) => execFileSync('git', ['hash-object', '--stdin'], { cwd: repo.dir, input: content, encoding: 'utf8' }).trim());
    expect(first!.slice(0, 8)).toBe(second!.slice(0, 8));
    expect(ids.indexOf(first!)).toBeGreaterThan(-1);
    expect(Math.abs(ids.indexOf(first!) - ids.indexOf(second!))).toBe(1);
    // Looked up by id, each of the two is found where it is (a lookup goes by the first bytes first).
    expect([blobIndex(listed.value, first!), blobIndex(listed.value, second!)]).toEqual([ids.indexOf(first!), ids.indexOf(second!)]);
    expect(blobIndex(listed.value, `${first!.slice(0, 8)}${'0'.repeat(32)}`)).toBe(-1);
    // Every blob is still found by its id (the log walk looks ids up in the sorted list).
    expect(described(listed.value, new Map()).filter((entry) => entry !== '-')).toHaveLength(5);
    expect(ids).toHaveLength(8);
  });

  it('are listed the same by a git too old for --diff-merges', async () => {
    const { commits, at } = repository();
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const bin = useTempDir();
    writeFileSync(join(bin, 'git'), `#!/bin/sh\nfor arg in "$@"; do case "$arg" in --diff-merges=*) echo "fatal: unrecognized argument: $arg" >&2; exit 128;; esac; done\nexec '${realGit}' "$@"\n`);
    chmodSync(join(bin, 'git'), 0o755);
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    try {
      const listed = await listHistoryBlobs(at);
      if (!listed.ok) throw new Error(listed.errors.join('\n'));
      expect(described(listed.value, commits)).toEqual(['src/app.js@app', 'src/app.js@again', 'config/.env@first']);
    } finally {
      process.env.PATH = path;
    }
  });

  it('have a fingerprint that stays while the repository is the same, and changes with a commit, a loose object or a ref', async () => {
    const { repo, at } = repository();
    const first = await objectFingerprint(at);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    repo.write('untracked.txt', 'not in git\n');
    repo.git('status', '--short');
    expect(await objectFingerprint(at)).toBe(first);
    execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo.dir, input: 'a loose blob\n' });
    const withLoose = await objectFingerprint(at);
    expect(withLoose).not.toBe(first);
    repo.git('branch', 'other', 'HEAD~1');
    const withBranch = await objectFingerprint(at);
    expect(withBranch).not.toBe(withLoose);
    repo.git('gc', '-q');
    expect(await objectFingerprint(at)).not.toBe(withBranch);
  });

  it('remembers the commits that introduced blobs with the repository\'s fingerprint, and walks the log again when it changes', async () => {
    const { repo, at } = repository();
    const digest = (await objectFingerprint(at))!;
    const env = repo.git('rev-parse', 'HEAD:config/old.env');
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
    const listed = await listWorkTreeBlobs({ gitDir: join(repo.dir, '.git'), workTree: repo.dir }, blobIdsOf);
    const paths = ['a.txt', 'dir/b c.txt', 'z/last.txt'];
    expect(pairedPaths(listed.pairs)).toEqual(paths);
    expect(listed.pairs).toBe(paths.map((path) => `${repo.git('rev-parse', `HEAD:${path}`)}\0${path}\0`).join(''));
    expect([...listed.oids].sort()).toEqual(paths.map((path) => repo.git('rev-parse', `HEAD:${path}`)).sort());
    const bare = await listWorkTreeBlobs({ gitDir: join(repo.dir, '.git') }, blobIdsOf);
    expect([bare.oids.size, bare.pairs]).toEqual([0, '']);
  });

  it('counts a file as unchanged by its content when its record in the index is stale, and runs no command the repository configures', async () => {
    const repo = useRepo();
    const marker = join(useTempDir(), 'ran');
    repo.write('.gitattributes', '*.txt filter=mark\n*.md filter=odd=name\n').write('notes.md', 'six\n').write('same.txt', 'one\n').write('moved.txt', 'two\n').write('edited.txt', 'three\n').write('gone.txt', 'four\n').write('run.sh', 'echo hi\n').write('racy.txt', 'five\n').commit('files');
    repo.git('rm', '-q', '--cached', 'moved.txt');
    // A clean filter and a file system monitor named by the repository's own configuration:
    // comparing a file through the filter, or reading the index with the monitor on, runs them.
    repo.git('config', 'filter.mark.clean', `sh -c 'echo filter >> ${marker}; cat'`);
    // A driver whose name `-c` cannot spell (it splits at "="): every file is hashed instead.
    repo.git('config', 'filter.odd=name.clean', `sh -c 'echo odd filter >> ${marker}; cat'`);
    const monitor = join(useTempDir(), 'monitor.sh');
    writeFileSync(monitor, `#!/bin/sh\necho monitor >> ${marker}\n`);
    chmodSync(monitor, 0o755);
    repo.git('config', 'core.fsmonitor', monitor);
    // Every file's record made stale (a copy, a restore or a mount would do the same); one
    // file's content changed at the same size, one's mode changed, one removed; one untracked.
    const earlier = new Date(Date.now() - 3_600_000);
    for (const path of ['.gitattributes', 'same.txt', 'moved.txt', 'edited.txt', 'run.sh']) utimesSync(join(repo.dir, path), earlier, earlier);
    writeFileSync(join(repo.dir, 'edited.txt'), 'THREE\n');
    chmodSync(join(repo.dir, 'run.sh'), 0o755);
    rmSync(join(repo.dir, 'gone.txt'));
    // An index older than the files it records: git cannot trust a record made after it was
    // written, so it compares racy.txt (untouched) by content, through its filter.
    const index = join(repo.dir, '.git', 'index');
    const older = new Date(Date.now() - 7_200_000);
    utimesSync(index, older, older);
    const before = readFileSync(index);
    const listed = await listWorkTreeBlobs({ gitDir: join(repo.dir, '.git'), workTree: repo.dir }, blobIdsOf);
    // Unchanged: the files whose content is the index's blob (a mode change is no content
    // change); the removed file stops no reading of those after it.
    expect(pairedPaths(listed.pairs)).toEqual(['.gitattributes', 'notes.md', 'racy.txt', 'run.sh', 'same.txt']);
    expect([...listed.oids].sort()).toEqual(['.gitattributes', 'notes.md', 'racy.txt', 'run.sh', 'same.txt'].map((path) => repo.git('-c', 'core.fsmonitor=false', 'rev-parse', `:${path}`)).sort());
    expect(existsSync(marker) ? readFileSync(marker, 'utf8') : '').toBe('');
    expect(readFileSync(index).equals(before)).toBe(true);
  });

  it('reads back every path of an `oid NUL path NUL` list, and none of an empty one', () => {
    expect(pairedPaths('')).toEqual([]);
    expect(pairedPaths('1f\0only\0')).toEqual(['only']);
    expect(pairedPaths(['1f', 'a', '2e', 'b/c', '3d', 'd e', ''].join('\0'))).toEqual(['a', 'b/c', 'd e']);
  });
});
