import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every regular file under `root`, depth first, links not followed: the set of files each
 * scanner is given (airlock walks the same set: dotfiles, node_modules and .git included).
 */
export function listFiles(root: string): string[] {
  const files: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.isFile()) files.push(path);
    }
  }
  return files;
}

export interface TreeSize {
  files: number;
  bytes: number;
}

export function measureTree(root: string): TreeSize {
  const files = listFiles(root);
  let bytes = 0;
  for (const file of files) bytes += statSync(file).size;
  return { files: files.length, bytes };
}
