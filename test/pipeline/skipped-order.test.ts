import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

describe('files not read', () => {
  it('are listed by path, whichever thread reported them first', () => {
    const root = useTempDir();
    // Large ones among many small ones, in folders the walk and the two workers reach in any order.
    const large: string[] = [];
    for (const folder of ['zeta', 'alpha', 'mid/deep', 'beta']) {
      mkdirSync(join(root, folder), { recursive: true });
      for (let i = 0; i < 40; i++) writeFileSync(join(root, folder, `small-${i}.txt`), `line ${i}\n`);
      for (const name of ['b-big.log', 'a-big.log']) {
        writeFileSync(join(root, folder, name), 'x'.repeat(3000));
        large.push(`${folder}/${name}`);
      }
    }
    const run = () => JSON.parse(runCli(['scan', root, '--format', 'json', '--max-file-size', '2KB', '--jobs', '2', '--no-cache']).stdout) as { skipped: { path: string; reason: string }[] };
    const first = run().skipped;
    expect(first.map((s) => s.reason)).toEqual(large.map(() => 'too-large'));
    expect(first.map((s) => s.path)).toEqual([...large].sort());
    expect(run().skipped).toEqual(first);
  });
});
