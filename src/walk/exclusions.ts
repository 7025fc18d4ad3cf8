import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** The name of the exclusion file a folder may carry, in gitignore syntax. */
export const IGNORE_FILE = '.airlockignore';

/** One source of exclusions (the command line, or a folder's ignore file) and what it kept out. */
export interface ExclusionSource {
  by: string;
  matcher: Ignore;
  count: number;
  /** Root-relative paths it kept out (a folder is one entry); the mount plan leaves them out too. */
  paths?: string[];
}

export function fromCommandLine(globs: string[]): ExclusionSource[] {
  return globs.length > 0 ? [{ by: `--exclude ${globs.join(' ')}`, matcher: ignore().add(globs), count: 0, paths: [] }] : [];
}

/** Exclusions a command applies by default (e.g. `airlock audit`'s caches), named by `by`. */
export function fromDefaults(defaults: { by: string; globs: string[] }[]): ExclusionSource[] {
  return defaults.filter((d) => d.globs.length > 0).map(({ by, globs }) => ({ by, matcher: ignore().add(globs), count: 0, paths: [] }));
}

/**
 * airlock's own cache folder, when it lies inside a scanned root (`airlock audit` of a home):
 * left out and counted like any exclusion, never read as the user's files. Scanning the cache
 * folder itself (it is the root) reads it.
 */
export function fromOwnCache(root: string, cacheDir: string | undefined): ExclusionSource[] {
  if (cacheDir === undefined) return [];
  const inside = relative(root, cacheDir);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return [];
  const glob = `/${inside.split(sep).join('/').replace(/[\\*?![\]#]/g, '\\$&')}/`;
  return [{ by: `airlock's own cache (${cacheDir})`, matcher: ignore().add(glob), count: 0, paths: [] }];
}

/** Reads `<root>/.airlockignore` if there is one. It is reported by name, never applied silently. */
export function fromIgnoreFile(root: string): ExclusionSource[] {
  const file = join(root, IGNORE_FILE);
  let text: string;
  try {
    // Only a regular file: reading a FIFO planted under this name would wait forever.
    if (!statSync(file).isFile()) return [];
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return [{ by: file, matcher: ignore().add(text), count: 0, paths: [] }];
}

/** Tests a root-relative path; counts it against the first source that excludes it. */
export function isExcluded(sources: ExclusionSource[], relativePath: string, isDirectory: boolean): boolean {
  const candidate = isDirectory ? `${relativePath}/` : relativePath;
  for (const source of sources) {
    if (source.matcher.ignores(candidate)) {
      source.count++;
      source.paths?.push(relativePath);
      return true;
    }
  }
  return false;
}
