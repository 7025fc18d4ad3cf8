import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli, scanJson } from '../helpers/cli.js';
import { fakeGithubToken, randomChars } from '../helpers/fake-secrets.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';
import { hasTmux, shellQuote as quote, useTmux } from '../helpers/tmux.js';

/**
 * Triage in the real TUI (tmux): accept a finding, keep a file with findings to review in the
 * plan, leave one out, open the editor; then the built CLI, as a child process, must see the
 * same decisions. The config folder is the test's own ($XDG_CONFIG_HOME), never the user's.
 *
 * Rows of the findings pane: 0 root, 1 app/, 2 .env, 3 its BLOCK finding, 4 docs/, 5 notes.md,
 * 6 its REVIEW finding, 7 src/, 8 sample.txt, 9 its INFO finding.
 */
function triageProject() {
  const base = useTempDir('airlock-triage-');
  const root = join(base, 'project');
  const xdg = join(base, 'xdg');
  const token = fakeGithubToken();
  const password = `Qz7${randomChars(13)}`;
  writeTree(root, {
    'app/.env': `GITHUB_TOKEN=${token}\n`,
    'docs/notes.md': `# Notes\n\npassword = "${password}"\n`,
    // Right shape, wrong checksum: an INFO finding, in the plan by default.
    'src/sample.txt': `example ghp_${randomChars(36)}\n`,
    'README.md': 'hello\n',
  });
  const env = { AIRLOCK_CONFIG_DIR: '', XDG_CONFIG_HOME: xdg };
  const vars = (extra = '') => `AIRLOCK_CONFIG_DIR= XDG_CONFIG_HOME=${quote(xdg)} ${extra}`;
  return {
    base,
    root,
    env,
    allowlist: join(xdg, 'airlock', 'allowlist'),
    planChoices: join(xdg, 'airlock', 'plan-choices'),
    secrets: [token, password],
    tui: (extra = '') => `${vars(extra)} ${quote(process.execPath)} ${quote(BIN)} ${quote(root)}; echo EXIT=$?`,
  };
}

const listTree = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

/** Two runs of the TUI in one pane; the second waits for Enter, so the test can check what the first left. */
const twoRuns = (first: string, second: string) => `${first}; read _; ${second}`;

interface PlanReport {
  plan: { mounts: { path: string }[]; excluded: { path: string; reason: string }[] };
}

async function waitUntil(isDone: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!isDone()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const down = (n: number) => Array.from({ length: n }, () => 'j');

describe.skipIf(!hasTmux)('triage in the TUI (tmux)', () => {
  it('accepts a finding: suppressed with its source, kept across a rescan, seen by airlock scan, and undone', async () => {
    const project = triageProject();
    const before = listTree(project.root);
    const term = useTmux({});
    term.start(twoRuns(project.tui(), project.tui()));
    await term.waitFor('Findings (3)');
    term.keys(...down(3));
    term.keys('a');
    const accepted = (await term.waitFor('accepted (was BLOCK)')).split('\n');
    expect(accepted[1]).toBe('REVIEW  0 blocking, 1 to review, 1 suppressed');
    expect(accepted[2]).toBe(`1 suppressed by ${project.allowlist}`);
    expect(accepted.join('\n')).toContain(`accepted github-pat in app/.env: suppressed by ${project.allowlist} (u undoes it)`);
    term.keys('q');
    await term.waitFor(/EXIT=0/);

    // The saved file: the user's only, no secret in it, nothing written into the project.
    const saved = readFileSync(project.allowlist, 'utf8');
    for (const secret of project.secrets) expect(saved).not.toContain(secret);
    expect(saved).toMatch(/^[0-9a-f]{32} {2}# github-pat ".*\/app\/\.env":1 accepted \d{4}-\d{2}-\d{2}$/m);
    expect(statSync(project.allowlist).mode & 0o777).toBe(0o600);
    expect(statSync(join(project.allowlist, '..')).mode & 0o777).toBe(0o700);
    expect(listTree(project.root)).toEqual(before);

    // airlock scan (the built CLI) applies it: JSON and text name the file as the source.
    const json = scanJson([project.root], { env: project.env });
    expect(json.report.verdict).toBe('review');
    expect(json.report.suppressed).toEqual([expect.objectContaining({ path: 'app/.env', by: project.allowlist, ruleId: 'github-pat', severity: 'block' })]);
    expect(runCli(['scan', project.root], { env: project.env }).stdout).toContain(`Suppressed 1 finding:\n  1 by ${project.allowlist}`);
    expect(scanJson(['--no-user-config', project.root], { env: project.env }).report.verdict).toBe('no-go');

    // A rescan in the TUI keeps it; u undoes it, and the scan sees that too.
    term.keys('Enter');
    await term.waitFor(/^airlock · .*\nREVIEW {2}0 blocking, 1 to review, 1 suppressed\n[\s\S]*accepted \(was BLOCK\)/);
    term.keys(...down(3));
    term.keys('u');
    const undone = (await term.waitFor('is a finding again')).split('\n');
    expect(undone[1]).toBe('NO-GO  1 blocking, 1 to review');
    term.keys('q');
    await term.waitFor(/EXIT=1/);
    const after = scanJson([project.root], { env: project.env });
    expect(after.report.verdict).toBe('no-go');
    expect(after.report.suppressed).toEqual([]);
  });

  it('keeps a file with a finding to review in the plan and leaves another out; airlock scan plans the same', async () => {
    const project = triageProject();
    const term = useTmux({});
    term.start(project.tui());
    await term.waitFor('Findings (3)');
    term.keys(...down(6));
    term.keys('i');
    await term.waitFor('notes.md  [kept in the plan]');
    term.keys(...down(3));
    term.keys('x');
    await term.waitFor('sample.txt  [left out]');
    term.keys('Tab');
    const plan = await term.waitFor('Left out (');
    expect(plan).toContain(`ro  ${project.root}/docs/`);
    expect(plan).toContain(`--  ${project.root}/src/sample.txt  left out by your choice`);
    term.keys('q');
    await term.waitFor(/EXIT=1/);

    expect(readFileSync(project.planChoices, 'utf8')).toMatch(/^keep ".*\/docs\/notes\.md" [0-9a-f]{32} {2}# \d{4}-/m);
    const report = scanJson([project.root], { env: project.env }).report as unknown as PlanReport;
    expect(report.plan.mounts.map((m) => m.path)).toContain(`${project.root}/docs`);
    expect(report.plan.excluded).toContainEqual({ path: `${project.root}/src/sample.txt`, reason: 'left out by your choice' });
    const docker = runCli(['plan', '--target', 'docker', project.root], { env: project.env });
    expect(docker.stdout).toContain(`src=${project.root}/docs,`);
    expect(docker.stdout).not.toContain('sample.txt');
    // Without the user's config, the review file is out and the other one in again.
    const plain = scanJson(['--no-user-config', project.root], { env: project.env }).report as unknown as PlanReport;
    expect(plain.plan.mounts.map((m) => m.path)).not.toContain(`${project.root}/docs`);
    expect(plain.plan.mounts.map((m) => m.path)).toContain(`${project.root}/src`);
  });

  it('opens the finding in $EDITOR at its line and comes back; says so when no editor is set', async () => {
    const project = triageProject();
    const argv = join(project.base, 'argv.txt');
    const tools = join(project.base, 'tools');
    writeTree(tools, { vim: `#!/bin/sh\nprintf '%s\\n' "$@" > ${quote(argv)}\n` });
    const editor = join(tools, 'vim');
    chmodSync(editor, 0o755);
    const before = listTree(project.root);
    const term = useTmux({});
    term.start(twoRuns(project.tui('EDITOR= VISUAL='), project.tui(`EDITOR=${quote(editor)} VISUAL=`)));
    await term.waitFor('Findings (3)');
    term.keys(...down(6));
    term.keys('o');
    await term.waitFor('EDITOR is not set (nor VISUAL)');
    term.keys('q');
    await term.waitFor('EXIT=1');
    term.keys('Enter');
    await term.waitFor('Findings (3)');
    term.keys(...down(6));
    term.keys('o');
    await waitUntil(() => existsSync(argv));
    expect(readFileSync(argv, 'utf8')).toBe(`+3\n${project.root}/docs/notes.md\n`);
    // The TUI has the terminal back: it draws itself again and takes keys.
    await term.waitFor(/^airlock · /);
    term.keys('Tab');
    await term.waitFor('Left out (');
    term.keys('q');
    await term.waitFor('EXIT=1');
    expect(listTree(project.root)).toEqual(before);
  });

  it('writes nothing when the config folder lies inside the scanned folder (a home), and says why', async () => {
    const project = triageProject();
    // Scan the folder that holds both the project and the config folder.
    const before = listTree(project.base);
    const term = useTmux({});
    term.start(`AIRLOCK_CONFIG_DIR= XDG_CONFIG_HOME=${quote(join(project.base, 'xdg'))} ${quote(process.execPath)} ${quote(BIN)} ${quote(project.base)}; echo EXIT=$?`);
    await term.waitFor('Findings (3)');
    term.keys(...down(3));
    term.keys('a');
    const refused = await term.waitFor('not saved: ');
    expect(refused).toContain(`not saved: ${join(project.base, 'xdg', 'airlock')} is inside the scanned folder`);
    expect(refused.split('\n')[1]).toMatch(/^NO-GO /);
    term.keys('q');
    await term.waitFor('EXIT=1');
    expect(listTree(project.base)).toEqual(before);
  });
});
