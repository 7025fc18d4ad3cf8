import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { BIN } from '../helpers/cli.js';
import { fakeGithubToken } from '../helpers/fake-secrets.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';
import { hasTmux, shellQuote, useTmux } from '../helpers/tmux.js';

/**
 * The TUI on a narrow, short terminal (30 columns): a frame taller than the screen scrolls, and
 * the title and the verdict were what scrolled away. Each screen must start with both.
 */
function narrowProject() {
  const base = useTempDir('airlock-tui-narrow-');
  const root = join(base, 'root');
  const files: Record<string, string | Uint8Array> = { 'app/.env': `GITHUB_TOKEN=${fakeGithubToken()}\n`, 'big.bin': Buffer.alloc(4096, 'a') };
  for (let i = 0; i < 12; i++) files[`d${i}/notes.txt`] = `token = ${fakeGithubToken()}\n`;
  writeTree(root, files);
  return { root, command: `${shellQuote(process.execPath)} ${shellQuote(BIN)} --max-file-size 2K ${shellQuote(root)}; echo EXIT=$?` };
}

/** The screen's rows, without the empty ones tmux pads it with at the bottom. */
const rowsOf = (screen: string) => screen.replace(/\n+$/, '').split('\n');

describe.skipIf(!hasTmux)('the TUI at 30 columns (tmux)', () => {
  it('keeps the title and the verdict on top of every view, however short the screen', async () => {
    const project = narrowProject();
    const term = useTmux({});
    term.start(project.command, { columns: 30, rows: 10 });
    const first = rowsOf(await term.waitFor(/Findings/));
    expect(first[0]).toBe('airlock · ' + `${project.root}`.slice(0, 19) + '…');
    // The counts come before the cut: verdict, unread items, blocking, review.
    expect(first[1]).toMatch(/^NO-GO 1 unread, 13 block, 0 r/);
    expect(first.length).toBeLessThanOrEqual(9);
    // The tab bar stays one row.
    expect(first.filter((l) => l.includes('Findings'))).toEqual([' Findings 13  Plan 0']);

    // The export target list: 8 targets and a heading do not fit; the list scrolls.
    term.keys('e');
    const targets = rowsOf(await term.waitFor('Export the mount'));
    expect(targets[0]).toMatch(/^airlock · /);
    expect(targets[1]).toMatch(/^NO-GO /);
    expect(targets.length).toBeLessThanOrEqual(9);
    expect(targets.join('\n')).toContain('docker');
    term.keys('Escape');
    await term.waitFor(/Findings 13/);

    // Shorter still (8 rows): the summary's details give way, the title and verdict stay.
    term.resize(30, 8);
    await term.waitFor(/^airlock · [^\n]*\nNO-GO [^\n]*\n Findings 13/);
    term.keys('?');
    const help = rowsOf(await term.waitFor('Keys 1-4 of '));
    expect(help[0]).toMatch(/^airlock · /);
    expect(help.at(-1)).toBe('Press ? or Esc to close.');
    expect(help.length).toBeLessThanOrEqual(7);
    // The rest of the keys are reached by scrolling.
    term.keys('G');
    const end = rowsOf(await term.waitFor(/Keys \d+-(\d+) of \1/));
    expect(end.join('\n')).toContain('q       quit');
    term.keys('q');
    await term.waitFor(/EXIT=1/);
  });

  it('draws from the top of the screen when the shell left the cursor further down', async () => {
    const project = narrowProject();
    const term = useTmux({});
    // The prompt is at the bottom, as in a terminal in use: ink used to draw from there, and the frame scrolled its title away.
    term.start(`for i in 1 2 3; do echo line $i; done; ${project.command}`, { columns: 30, rows: 60 });
    const screen = rowsOf(await term.waitFor(/Findings 13/));
    expect(screen[0]).toMatch(/^airlock · /);
    expect(screen[1]).toMatch(/^NO-GO /);
    term.keys('q');
    await term.waitFor(/EXIT=1/);
  });
});
