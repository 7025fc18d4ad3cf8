import type { GitLocation } from './git-process.js';
import { readGitLines } from './git-process.js';

const SPACE = 0x20;
const TAB = 0x09;
const OID_BYTES = 20;

/**
 * A walk reads trees all over the pack: within 16 MiB windows and 64 MiB of them (what every
 * git call keeps to) git mapped and unmapped windows over and over. Rails' two walks, measured
 * alone: 8.6 and 9.2 s within those, 8.2 and 7.4 s within these (2.3 s less of it in the kernel),
 * at 173 and 245 MiB; 64 MiB windows saved little more and took the second walk to 280 MiB.
 */
const WALK_WINDOWS = ['-c', 'core.packedGitWindowSize=32m', '-c', 'core.packedGitLimit=128m'];

/** What a walk does with each blob a commit adds or changes: its id (20 bytes), path (by number), the commit, and where that commit came. */
export type Sight = (id: Buffer, path: number, commit: Buffer, sequence: number) => void;

/**
 * Where the commits no ref or reflog reaches are numbered from: below every reachable commit
 * (numbered from 1), so a reachable commit's sighting of a blob wins, and such commits count as
 * newer than all of them (a force-pushed branch, a dropped stash: usually the latest work).
 */
export const UNREACHABLE_FROM = -(2 ** 30);

/**
 * Each blob a commit adds or changes, with its path: one pass over the log (children before
 * parents, so a blob's last sighting is its introduction), with where its commit came (the
 * first commit 1; after `UNREACHABLE_FROM` in a walk from `tips`). A merge shows what it changed against its first parent (a conflict's resolution); an
 * older git without `--diff-merges` is asked without it. Paths are numbered by `numberOf`.
 *
 * Without `tips` the walk covers every commit a ref or reflog reaches. With `tips` (commit ids,
 * one per line: every commit the object database holds) it covers only those commits that
 * none reaches, and their ancestors that none reaches: the history a rebase or a deleted branch
 * left behind, whose blobs would otherwise have no path, be read whole, and be reported under
 * `.git/objects`.
 */
export async function walkLog(at: GitLocation, numberOf: (path: string) => number, sight: Sight, tips?: Buffer): Promise<void> {
  const id = Buffer.alloc(OID_BYTES);
  let commit = Buffer.alloc(0);
  let sequence = tips ? UNREACHABLE_FROM : 0;
  const take = (line: Buffer) => {
    if (line[0] === 0x63) {
      // commit <id>
      commit = Buffer.from(line.toString('latin1', 7, 7 + 2 * OID_BYTES), 'hex');
      sequence++;
      return true;
    }
    if (line[0] !== 0x3a) return true;
    // :<mode> <mode> <old> <new> <status>\t<path>
    const tab = line.indexOf(TAB);
    let at = 0;
    for (let field = 0; field < 3 && at !== -1; field++) at = line.indexOf(SPACE, at + 1);
    if (at === -1 || tab === -1 || id.write(line.toString('latin1', at + 1, at + 1 + 2 * OID_BYTES), 'hex') !== OID_BYTES) return true;
    sight(id, numberOf(line.toString('utf8', tab + 1)), commit, sequence);
    return true;
  };
  const log = [...WALK_WINDOWS, 'log', '--topo-order', '--format=commit %H', '--raw', '--no-abbrev', '--no-renames'];
  const from = tips ? ['--not', '--all', '--reflog', '--not', '--stdin'] : ['--all', '--reflog'];
  const input = tips ? { input: tips } : {};
  // A repository without commits has no paths to give (both fail); its blobs are still listed.
  const firstParent = await readGitLines([...log, '--diff-merges=first-parent', ...from], at, take, input);
  if (!firstParent.ok) await readGitLines([...log, ...from], at, take, input);
}
