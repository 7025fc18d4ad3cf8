import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { YOUNG_GENERATION_CAP } from '../../src/pipeline/heap-limits.js';
import { runCli } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const PRELOAD = fileURLToPath(new URL('../helpers/preload/young-generation.mjs', import.meta.url));

function youngGeneration(stderr: string): number {
  const match = /^airlock-test: young-generation-bytes (\d+)$/m.exec(stderr);
  if (!match) throw new Error(`no young generation size printed: ${stderr}`);
  return Number(match[1]);
}

describe("the main thread's young generation", () => {
  // Without the cap, V8 grew it to 32 MB on this rescan (and to 128 MB on a 113k-file one).
  it('stays within its cap on a warm rescan of 20,000 files', { timeout: 120_000 }, () => {
    const base = useTempDir();
    const root = join(base, 'tree');
    // Older than the two seconds within which a file's result is never cached.
    const old = new Date(Date.now() - 60_000);
    for (let folder = 0; folder < 100; folder++) {
      mkdirSync(join(root, `d${folder}`), { recursive: true });
      for (let file = 0; file < 200; file++) {
        const path = join(root, `d${folder}`, `f${file}.js`);
        writeFileSync(path, `export const n = ${file};\n`);
        utimesSync(path, old, old);
      }
    }
    const env = { AIRLOCK_CACHE_DIR: join(base, 'cache') };
    const args = ['scan', root, '--format', 'json'];
    const cold = runCli(args, { env });
    expect(cold.status).toBe(0);
    const warm = runCli(args, { env, nodeArgs: ['--import', PRELOAD] });
    expect(warm.status).toBe(0);
    expect(JSON.parse(warm.stdout).stats.files).toBe(20_000);
    const size = youngGeneration(warm.stderr);
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThanOrEqual(YOUNG_GENERATION_CAP);
  });
});
