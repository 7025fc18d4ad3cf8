import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, scanJson } from '../helpers/cli.js';
import { fakeGithubToken } from '../helpers/fake-secrets.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';
import { hasTmux, shellQuote, useTmux } from '../helpers/tmux.js';

/**
 * The TUI in a real terminal: `node dist/bin.js DIR` runs inside a tmux pane of 120×40, the
 * test reads the screen with `capture-pane` and types with `send-keys`.
 */
const HOSTILE_NAME = '\x1b[2J\x1b[32mGO\x1b[0m.txt';
const ESCAPED_NAME = '\\x1b[2J\\x1b[32mGO\\x1b[0m.txt';

const quote = shellQuote;

/** A project with a blocking .env, a hostile file name holding a token, one suppressed finding and a file too large to read. */
function hostileProject() {
  const base = useTempDir('airlock-tui-');
  const root = join(base, 'root');
  const cache = join(base, 'cache');
  const secrets = [fakeGithubToken(), fakeGithubToken(), fakeGithubToken()];
  writeTree(root, {
    'app/.env': `GITHUB_TOKEN=${secrets[0]}\n`,
    [`app/config/${HOSTILE_NAME}`]: `token = ${secrets[1]}\n`,
    'docs/accepted.md': `an accepted token ${secrets[2]}\n`,
    'docs/big.bin': Buffer.alloc(4096, 'a'),
    'src/index.js': 'export const answer = 42;\n',
    'README.md': 'hello\n',
  });
  const { report } = scanJson(['--max-file-size', '2K', root], { env: { AIRLOCK_CACHE_DIR: cache } });
  const accepted = report.findings.find((f) => f.path === 'docs/accepted.md');
  if (!accepted) throw new Error('the fixture token in docs/accepted.md was not found');
  writeFileSync(join(root, '.airlockallow'), `# accepted for the test\n${accepted.fingerprint}\n`);
  return { root, cache, secrets, command: (flags = '') => `${quote(process.execPath)} ${quote(BIN)} --max-file-size 2K ${flags} ${quote(root)}; echo EXIT=$?` };
}

const listTree = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

describe.skipIf(!hasTmux)('the TUI in a real terminal (tmux)', () => {
  it('scans, shows NO-GO INCOMPLETE with the suppression source and escaped names, navigates, adjusts and exports the plan', async () => {
    const project = hostileProject();
    const before = listTree(project.root);
    const term = useTmux({ AIRLOCK_CACHE_DIR: project.cache });
    term.start(project.command());
    const first = await term.waitFor('Findings (');
    const lines = first.split('\n');
    // The screen was not cleared or rewritten by the file name: the header and verdict are on top.
    expect(lines[0]).toMatch(/^airlock · /);
    expect(lines[1]).toBe('NO-GO  INCOMPLETE: 1 item not scanned  2 blocking, 0 to review, 1 suppressed');
    expect(lines[2]).toBe(`1 suppressed by ${project.root}/.airlockallow`);
    expect(lines[3]).toBe('1 item not scanned (1 too-large)');
    expect(first).toContain(ESCAPED_NAME);
    expect(lines.filter((l) => /^\s*GO\b/.test(l))).toEqual([]);
    // tmux redraws only attributes (SGR); no clear-screen or colour from the file name got through.
    const raw = term.screenWithEscapes();
    expect(raw).not.toMatch(/\x1b(?!\[[0-9;:]*m)/);
    expect(raw).not.toContain('\x1b[32mGO');
    for (const secret of project.secrets) expect(first).not.toContain(secret);

    // Root, app/, .env, its finding: expand it.
    term.keys('j', 'j', 'j');
    term.keys('Enter');
    const expanded = await term.waitFor('fix: ');
    expect(expanded).toContain('▾ BLOCK  github-pat:1  ghp_…');
    expect(expanded).toContain('rule: github-pat · category: token · severity: block');
    expect(expanded).toContain('at: app/.env line 1:14');
    expect(expanded).toContain('secret: ghp_…');
    for (const secret of project.secrets) expect(expanded).not.toContain(secret);

    // The mount plan: the last mount is src/; make it read-write.
    term.keys('Tab');
    const planScreen = await term.waitFor('Left out (');
    // G goes to the very end, the last left-out entry; back up over the left-out entries to the last mount.
    const leftOut = Number(/Left out \((\d+)\)/.exec(planScreen)![1]);
    term.keys('G', ...Array.from({ length: leftOut }, () => 'k'), 'w');
    const toggled = await term.waitFor(`rw  ${project.root}/src/`);
    expect(toggled).toContain(`ro  ${project.root}/README.md`);
    expect(toggled).toMatch(new RegExp(`--  .*${ESCAPED_NAME.replace(/[\\[\]]/g, '\\$&')}  blocking finding: github-pat`));
    expect(toggled).toContain(`--  ${project.root}/app/.env  blocking finding: github-pat`);

    // Export for docker (the default in the list): the TUI closes and prints the flags.
    term.keys('e');
    await term.waitFor('Export the mount plan for');
    term.keys('Enter');
    const done = await term.waitFor(/EXIT=\d+/);
    const printed = done.split('\n').map((l) => l.replace(/ \\$/, ''));
    // src/ read-write as chosen; the rest read-only.
    expect(printed).toContain(`--mount type=bind,src=${project.root}/src,dst=/workspace/root/src`);
    expect(printed).toContain(`--mount type=bind,src=${project.root}/README.md,dst=/workspace/root/README.md,readonly`);
    expect(done).not.toContain(`src=${project.root}/app/.env`);
    expect(done).not.toContain('src=' + project.root + '/app,');
    expect(done).toContain('airlock: NO-GO  INCOMPLETE: 1 item not scanned');
    expect(done).toContain('EXIT=1');
    // Nothing was written into the scanned folder.
    expect(listTree(project.root)).toEqual(before);
  });

  it('quits with q, exiting as `airlock scan` would (--fail-on)', async () => {
    const project = hostileProject();
    const term = useTmux({ AIRLOCK_CACHE_DIR: project.cache });
    term.start(`${project.command()}; ${project.command('--fail-on never')}`);
    await term.waitFor('Findings (');
    term.keys('?');
    await term.waitFor('show or hide this help');
    term.keys('q');
    await term.waitFor('EXIT=1');
    await term.waitFor('Findings (');
    term.keys('q');
    const done = await term.waitFor(/EXIT=1[\s\S]*EXIT=0/);
    expect(done).not.toContain('--mount');
  });
});
