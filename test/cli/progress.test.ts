import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgressLine } from '../../src/cli/progress.js';
import { BIN, runCli } from '../helpers/cli.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

function bigTree(root: string, files: number) {
  writeTree(
    root,
    Object.fromEntries(Array.from({ length: files }, (_, i) => [`d${i % 50}/f${i}.txt`, `line ${i}\n`.repeat(200)])),
  );
}

describe('progress on stderr', () => {
  it('draws files, bytes and rate on one line and erases it', () => {
    let out = '';
    const line = createProgressLine((text) => (out += text));
    line.update({ files: 1500, bytes: 3 * 1024 * 1024, elapsedMs: 1000 });
    line.update({ files: 2500, historyBlobs: 1200, bytes: 5 * 1024 * 1024, elapsedMs: 2000 });
    line.clear();
    expect(out).toBe(
      '\r\x1b[2Kscanning: 1,500 files, 3 MB, 1500 files/s, 3 MB/s (1 s)' +
        '\r\x1b[2Kscanning: 2,500 files, 1,200 history blobs, 5 MB, 1250 files/s, 3 MB/s (2 s)\r\x1b[2K',
    );
  });

  it('redraws with the time moved on while no update comes, and stops when cleared', async () => {
    const lines: string[] = [];
    const line = createProgressLine((text) => lines.push(text), 40);
    line.update({ files: 10, bytes: 0, elapsedMs: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    line.clear();
    const drawn = lines.filter((text) => text.includes('scanning:'));
    // The update, then heartbeats (a loaded machine may delay some, never all).
    expect(drawn.length).toBeGreaterThanOrEqual(3);
    expect(drawn[0]).toContain('10 files');
    expect(drawn.at(-1)).toMatch(/\(5 s\)$/);
    const count = lines.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(lines.length).toBe(count);
  });

  it('prints nothing when stderr is not a terminal', () => {
    const root = join(useTempDir(), 'tree');
    bigTree(root, 400);
    const run = runCli(['scan', root, '--no-cache']);
    expect(run.stderr).toBe('');
  });

  it.runIf(hasTmux || process.env.CI)('shows in a real terminal while a scan runs, and is erased at the end', async () => {
    const dir = useTempDir();
    const root = join(dir, 'tree');
    bigTree(root, 3000);
    const session = `airlock-progress-${process.pid}`;
    const done = join(dir, 'done');
    const log = join(dir, 'terminal.log');
    // A shell in a real terminal; every byte it receives is copied to `log` (pipe-pane), so the
    // test reads what the terminal showed without racing the scan.
    execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '120', '-y', '20', 'sh']);
    try {
      execFileSync('tmux', ['pipe-pane', '-o', '-t', session, `cat >> ${log}`]);
      // The shell gets the environment of the tmux server, which may be older than this run's.
      const command = `AIRLOCK_CACHE_DIR=${process.env.AIRLOCK_CACHE_DIR ?? 'off'} ${process.execPath} ${BIN} scan ${root} --no-cache --jobs 1 > ${join(dir, 'out.txt')}; touch ${done}`;
      execFileSync('tmux', ['send-keys', '-t', session, command, 'Enter']);
      for (let i = 0; i < 1200 && !existsSync(done); i++) await new Promise((r) => setTimeout(r, 50));
      expect(existsSync(done)).toBe(true);
      const shown = readFileSync(log, 'utf8');
      expect(shown).toMatch(/\r\x1b\[2Kscanning: [\d,]+ files, \d+ MB, \d+ files\/s, \d+ MB\/s/);
      // The last progress line is erased before the scan ends.
      expect(shown.slice(shown.lastIndexOf('scanning:'))).toContain('\r\x1b[2K');
      expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toContain('GO  no findings');
    } finally {
      spawnSync('tmux', ['kill-session', '-t', session]);
    }
  });
});
