import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanJson } from '../helpers/cli.js';
import { fakeGithubToken } from '../helpers/fake-secrets.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

/**
 * The scan cache keys a file's result by (device, inode, size, mtime). These tests make the
 * reuse visible: a file rewritten in place with the same size and its old mtime restored is,
 * by that key, the same file, so a cached scan reports its old result and --no-cache does not.
 */
describe('the scan cache', () => {
  function setup() {
    const base = useTempDir();
    const root = join(base, 'project');
    const cache = join(base, 'cache');
    const token = fakeGithubToken();
    writeTree(root, { 'config.js': `const t = '${token}';\n`, 'README.md': 'hello\n' });
    // Older than the two seconds within which a file is never cached (its mtime could repeat).
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(root, 'config.js'), old, old);
    return { root, cache, env: { AIRLOCK_CACHE_DIR: cache }, old };
  }

  it('serves an unchanged file from the cache, and --no-cache reads it again', () => {
    const { root, cache, env, old } = setup();
    const first = scanJson([root], { env });
    expect(first.report.findings.map((f) => f.ruleId)).toEqual(['github-pat']);
    expect(readdirSync(cache).filter((f) => f.startsWith('scan-'))).toHaveLength(1);

    const file = join(root, 'config.js');
    const same = readFileSync(file, 'utf8').replace(/ghp_\w+/, (t) => 'x'.repeat(t.length));
    writeFileSync(file, same); // same inode, same size
    utimesSync(file, old, old);

    const cached = scanJson([root], { env });
    expect(cached.report.findings.map((f) => f.ruleId)).toEqual(['github-pat']);
    const fresh = scanJson([root, '--no-cache'], { env });
    expect(fresh.report.findings).toEqual([]);
  });

  it('reads a file again when its size or mtime changed', () => {
    const { root, env } = setup();
    scanJson([root], { env });
    writeFileSync(join(root, 'config.js'), 'const t = process.env.TOKEN;\n');
    expect(scanJson([root], { env }).report.findings).toEqual([]);
  });

  it('never stores a secret: only fingerprints and masked values', () => {
    const { root, cache, env } = setup();
    const token = readFileSync(join(root, 'config.js'), 'utf8').match(/ghp_\w+/)![0];
    scanJson([root], { env });
    for (const name of readdirSync(cache)) expect(readFileSync(join(cache, name), 'utf8')).not.toContain(token.slice(4, 16));
  });
});
