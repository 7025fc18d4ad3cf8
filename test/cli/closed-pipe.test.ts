import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, REPO_DIR } from '../helpers/cli.js';

/** Runs the built CLI with its stdout closed by the reader before anything is read. */
function runWithClosedStdout(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('a reader that closes the pipe (`airlock rules list | head -3`)', () => {
  it.each([[['rules', 'list']], [['--help']], [['scan', '--help']]])('%j ends quietly with 141, no stack trace', async (args) => {
    const run = await runWithClosedStdout(args);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(141);
  });
});
