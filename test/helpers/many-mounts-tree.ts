import { join } from 'node:path';
import { fakeGithubToken } from './fake-secrets.js';
import { makeTree, type TreeEntry } from './project-tree.js';

export interface ManyMountsTree {
  root: string;
  /** Root-relative paths of every file holding a fake token. */
  flagged: string[];
  /** Root-relative paths of every clean regular file. */
  clean: string[];
}

/**
 * A home whose split plan is far too long to read: a `node_modules` of `packages` packages,
 * `flaggedPackages` of them holding `fixtures` test files with a fake token each (the split plan
 * mounts every clean sibling one by one), a `.env` with a token at the top, and a file with a
 * token beside clean files in one package's `lib/`.
 */
export function manyMountsTree(dir: string, packages = 80, flaggedPackages = 4, fixtures = 20): ManyMountsTree {
  const entries: Record<string, TreeEntry> = {
    '.env': `GITHUB_TOKEN=${fakeGithubToken()}\n`,
    'notes/todo.md': '# todo\n',
    'code/app/src/main.js': 'console.log(1);\n',
  };
  const step = Math.floor(packages / flaggedPackages);
  for (let i = 0; i < packages; i++) {
    const name = `code/app/node_modules/pkg-${String(i).padStart(3, '0')}`;
    entries[`${name}/index.js`] = `module.exports = ${i};\n`;
    entries[`${name}/package.json`] = `{ "name": "pkg-${i}" }\n`;
    if (i % step === 0 && i / step < flaggedPackages) {
      for (let j = 0; j < fixtures; j++) entries[`${name}/test/fixtures/case-${j}.txt`] = `token: ${fakeGithubToken()}\n`;
    }
  }
  entries['code/app/node_modules/pkg-001/lib/config.js'] = `module.exports = { token: "${fakeGithubToken()}" };\n`;
  entries['code/app/node_modules/pkg-001/lib/util.js'] = 'module.exports = {};\n';
  const root = makeTree(join(dir, 'home'), entries);
  const paths = Object.keys(entries);
  const hasToken = (path: string) => String(entries[path]).includes('ghp_');
  return { root, flagged: paths.filter(hasToken), clean: paths.filter((p) => !hasToken(p)) };
}
