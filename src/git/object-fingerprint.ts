import { createHash, type Hash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { runGitAsync, type GitLocation } from './git-process.js';

/** Alternates can chain; git itself stops at five. */
const MAX_ALTERNATE_DEPTH = 5;
const LOOSE_FOLDER = /^[0-9a-f]{2}$/;

/** Pack names (a pack is named by its checksum) and sizes, loose object names, and those of alternates. */
function addObjects(hash: Hash, objects: string, depth: number): void {
  hash.update(`objects ${objects}\n`);
  const packs = readdirSync(join(objects, 'pack')).filter((name) => name.endsWith('.pack')).sort();
  for (const pack of packs) hash.update(`${pack} ${statSync(join(objects, 'pack', pack)).size}\n`);
  for (const folder of readdirSync(objects).filter((name) => LOOSE_FOLDER.test(name)).sort()) {
    hash.update(`${folder}/${readdirSync(join(objects, folder)).sort().join(' ')}\n`);
  }
  let alternates = '';
  try {
    alternates = readFileSync(join(objects, 'info', 'alternates'), 'utf8');
  } catch {
    return;
  }
  for (const line of alternates.split('\n')) {
    const path = line.trim();
    if (path === '' || path.startsWith('#') || depth >= MAX_ALTERNATE_DEPTH) continue;
    addObjects(hash, isAbsolute(path) ? path : resolve(objects, path), depth + 1);
  }
}

/**
 * What a repository's history scan depends on, without listing a single object: which objects
 * its database holds (packs, loose objects, alternates) and where its refs point. The same
 * fingerprint means the same blobs, paths and commits, so an earlier scan's results still hold.
 * Undefined when any part cannot be read (then the history is listed).
 */
export async function objectFingerprint(at: GitLocation): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    addObjects(hash, join(at.gitDir, 'objects'), 0);
    hash.update(`HEAD ${readFileSync(join(at.gitDir, 'HEAD'), 'utf8')}\n`);
    // The walk takes reflogs too: the size of HEAD's log says whether it grew.
    hash.update(`reflog ${statSafe(join(at.gitDir, 'logs', 'HEAD'))}\n`);
  } catch {
    return undefined;
  }
  const refs = await runGitAsync(['for-each-ref', '--format=%(objectname) %(refname)'], at);
  if (!refs.ok) return undefined;
  hash.update(refs.value);
  return hash.digest('hex');
}

function statSafe(path: string): string {
  try {
    const stats = statSync(path);
    return `${stats.size} ${stats.mtimeMs}`;
  } catch {
    return 'none';
  }
}
