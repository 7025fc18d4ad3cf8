import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { useTempDir } from './temp-dir.js';

export { fakeGithubToken } from './fake-secrets.js';

/** A file's content, or a file with a mode, a link, or a FIFO. */
export type TreeEntry = string | { content: string; mode: number } | { link: string } | { fifo: true };

/** A freshly generated, unencrypted RSA private key in PEM: the shape of a real leak, owned by no one. */
export const fakePrivateKey = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

/** A temporary folder removed (unlocked first) when the running test finishes. */
export const tempDir = (prefix = 'airlock-plan-'): string => useTempDir(prefix);

/** Writes files, files with a mode, links and FIFOs under `root`; returns `root`. */
export function makeTree(root: string, entries: Record<string, TreeEntry>): string {
  for (const [path, entry] of Object.entries(entries)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    if (typeof entry === 'string') writeFileSync(file, entry);
    else if ('link' in entry) symlinkSync(entry.link, file);
    else if ('fifo' in entry) execFileSync('mkfifo', [file]);
    else {
      writeFileSync(file, entry.content);
      chmodSync(file, entry.mode);
    }
  }
  return root;
}

/** Every name, type, mode, size, mtime, link target and file content under `root`, hashed: any write changes it. */
export function fingerprintTree(root: string): string {
  const hash = createHash('sha256');
  const visit = (path: string) => {
    const stats = lstatSync(path);
    hash.update(`${path}\0${stats.mode}\0${stats.size}\0${stats.mtimeMs}\0`);
    if (stats.isSymbolicLink()) hash.update(readlinkSync(path));
    else if (stats.isFile()) hash.update(readFileSync(path));
    else if (stats.isDirectory()) for (const name of readdirSync(path).sort()) visit(join(path, name));
  };
  visit(root);
  return hash.digest('hex');
}

/** Every regular file under `root` (relative POSIX paths), links and special files not followed. */
export function listFiles(root: string, rel = ''): string[] {
  return readdirSync(join(root, rel), { withFileTypes: true }).flatMap((entry) => {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(root, path) : entry.isFile() ? [path] : [];
  });
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=test@airlock.invalid', '-c', 'user.name=airlock test', '-c', 'commit.gpgsign=false', ...args], {
    cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** Every folder under `root` (relative POSIX paths), links not followed. */
export function listFolders(root: string, rel = ''): string[] {
  return readdirSync(join(root, rel), { withFileTypes: true }).flatMap((entry) => {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    return entry.isDirectory() ? [path, ...listFolders(root, path)] : [];
  });
}
