import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanJson, type JsonReport } from '../helpers/cli.js';
import { fakeGithubToken, fakeNoteToken, fakeTestToken, randomChars } from '../helpers/fake-secrets.js';
import { writeTestRules } from '../helpers/rules.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';
import { countWorkerStarts } from '../helpers/worker-starts.js';

type WorkerStarts = ReturnType<typeof countWorkerStarts>;

/** `count` files in nested folders; every 29th holds a secret on a line of its own. */
function generateTree(root: string, count: number) {
  const files: Record<string, string | Uint8Array> = {};
  let planted = 0;
  for (let i = 0; i < count; i++) {
    const path = `pkg${i % 7}/dir${i % 13}/file-${String(i).padStart(4, '0')}.txt`;
    const filler = Array.from({ length: 1 + (i % 5) }, () => `line ${randomChars(30)} fake_tok_ but too short`).join('\n');
    if (i % 29 === 0) {
      const secret = [fakeTestToken, fakeGithubToken, fakeNoteToken][planted++ % 3]!();
      files[path] = `${filler}\nkey = ${secret}\n${filler}\n`;
    } else files[path] = `${filler}\n`;
  }
  files['assets/logo.bin'] = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]);
  files['assets/big.txt'] = `${fakeTestToken()}\n${'x'.repeat(5000)}`;
  writeTree(root, files);
  return planted;
}

/**
 * A scan with `--jobs`, and the scanning worker threads it started. (The regex safety check of
 * the test rules runs in a worker of its own the first time those rules are seen; it is not counted.)
 */
function scanWithJobs(jobs: number, root: string, rules: string, starts: WorkerStarts) {
  // No cache: files older than two seconds are cached, and on a busy machine the second scan
  // would take every result from the first and start no worker.
  const run = scanJson(['--rules', rules, '--jobs', String(jobs), '--max-file-size', '4k', '--no-cache', root], { nodeArgs: starts.nodeArgs });
  const workers = starts.take();
  const { stats, ...rest } = run.report;
  const comparable: Omit<JsonReport, 'stats'> & { files: number; bytes: number } = {
    ...rest,
    skipped: [...rest.skipped].sort((a, b) => a.path.localeCompare(b.path)),
    files: stats.files,
    bytes: stats.bytes,
  };
  return { status: run.status, workers, result: comparable };
}

describe('scanning with worker threads', () => {
  it('finds exactly the same as the main thread on a tree of 600 files (--jobs 2 vs --jobs 1)', () => {
    const base = useTempDir();
    const root = join(base, 'tree');
    const rules = writeTestRules(base);
    const starts = countWorkerStarts(base, '/bundle/worker.js');
    const planted = generateTree(root, 600);

    const single = scanWithJobs(1, root, rules, starts);
    const pooled = scanWithJobs(2, root, rules, starts);
    expect({ single: single.workers, pooled: pooled.workers }).toEqual({ single: 0, pooled: 2 });
    expect(pooled.status).toBe(1);
    expect(pooled.result).toEqual(single.result);

    expect(planted).toBe(21);
    expect(single.result.files).toBe(602);
    const byRule = (ruleId: string) => single.result.findings.filter((f) => f.ruleId === ruleId).length;
    expect({ fake: byRule('fake-token'), github: byRule('github-pat'), note: byRule('fake-note') }).toEqual({ fake: 7, github: 7, note: 7 });
    expect(single.result.findings).toHaveLength(21);
    expect(single.result.skipped).toEqual([{ root, path: 'assets/big.txt', reason: 'too-large', detail: '5042 bytes, over the 4096-byte limit' }]);
  });

  it.each([
    [255, 0],
    [256, 2],
  ])('with --jobs 2 and %i files starts %i workers (the pool starts at 256)', (files, workers) => {
    const base = useTempDir();
    const root = join(base, 'tree');
    const rules = writeTestRules(base);
    const starts = countWorkerStarts(base, '/bundle/worker.js');
    generateTree(root, files - 2); // plus the two assets
    const run = scanWithJobs(2, root, rules, starts);
    expect(run.workers).toBe(workers);
    expect(run.result.files).toBe(files);
    expect(run.result.findings).toHaveLength(Math.ceil((files - 2) / 29));
  });
});
