import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decisionChanges } from '../../src/verdict/apply-decisions.js';
import { readUserDecisions, saveDecisionChanges, userConfigDirectory, whyNotWritable } from '../../src/pipeline/user-decisions.js';
import { runCli, scanJson } from '../helpers/cli.js';
import { fakeGithubToken } from '../helpers/fake-secrets.js';
import { useRepo } from '../helpers/git-repo.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

const fp = (c: string) => c.repeat(32);
const none = { accepted: [], choices: [] };

describe('the user config folder', () => {
  it('is $AIRLOCK_CONFIG_DIR, else $XDG_CONFIG_HOME/airlock, else ~/.config/airlock', () => {
    expect(userConfigDirectory({ AIRLOCK_CONFIG_DIR: '/a', XDG_CONFIG_HOME: '/x', HOME: '/h' })).toBe('/a');
    expect(userConfigDirectory({ AIRLOCK_CONFIG_DIR: '', XDG_CONFIG_HOME: '/x', HOME: '/h' })).toBe('/x/airlock');
    expect(userConfigDirectory({ HOME: '/h' })).toBe('/h/.config/airlock');
  });

  it('is written atomically: the folder 0700, the files 0600, changes merged with what another airlock wrote', () => {
    const dir = join(useTempDir('airlock-config-'), 'deep', 'airlock');
    const saved = saveDecisionChanges(dir, decisionChanges(none, { accepted: [{ fingerprint: fp('a'), note: 'r "/p/x":1' }], choices: [] }), ['/p'], '2026-12-06');
    expect(saved).toEqual({ ok: true, value: undefined });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'allowlist')).mode & 0o777).toBe(0o600);
    // Another airlock adds a line meanwhile; this one's next change keeps it.
    writeFileSync(join(dir, 'allowlist'), `${readFileSync(join(dir, 'allowlist'), 'utf8')}${fp('b')}\n`);
    const before = { accepted: [{ fingerprint: fp('a') }], choices: [] };
    saveDecisionChanges(dir, decisionChanges(before, { accepted: [], choices: [{ path: '/p/y', choice: 'leave-out', fingerprints: [] }] }), ['/p'], '2026-12-06');
    expect(readUserDecisions(dir, []).accepted.map((a) => a.fingerprint)).toEqual([fp('b')]);
    expect(readFileSync(join(dir, 'plan-choices'), 'utf8')).toContain('leave-out "/p/y"  # 2026-12-06');
    expect(readdirSync(dir).sort()).toEqual(['allowlist', 'plan-choices']);
  });

  it('is never written inside a scanned folder', () => {
    const root = useTempDir('airlock-home-');
    const dir = join(root, '.config', 'airlock');
    expect(whyNotWritable(dir, [root])).toMatch(/is inside the scanned folder .* and airlock never writes there/);
    const refused = saveDecisionChanges(dir, decisionChanges(none, { accepted: [{ fingerprint: fp('a') }], choices: [] }), [root], '2026-12-06');
    expect(refused.ok).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });
});

describe('airlock scan reads the user decisions by default', () => {
  it('suppresses an accepted finding with the file as its source (text and JSON), and not under --no-user-config', () => {
    const base = useTempDir('airlock-decisions-');
    const root = join(base, 'project');
    const home = join(base, 'home');
    writeTree(root, { 'app/.env': `GITHUB_TOKEN=${fakeGithubToken()}\n`, 'README.md': 'hi\n' });
    const env = { AIRLOCK_CONFIG_DIR: '', XDG_CONFIG_HOME: '', HOME: home };
    const first = scanJson([root], { env });
    expect(first.report.verdict).toBe('no-go');
    const allowlist = join(home, '.config', 'airlock', 'allowlist');
    mkdirSync(join(home, '.config', 'airlock'), { recursive: true });
    writeFileSync(allowlist, `${first.report.findings[0]!.fingerprint}  # accepted by hand\n`, { mode: 0o600 });

    const accepted = scanJson([root], { env });
    expect(accepted.status).toBe(0);
    expect(accepted.report.verdict).toBe('go');
    expect(accepted.report.suppressed).toEqual([{ fingerprint: first.report.findings[0]!.fingerprint, path: 'app/.env', by: allowlist, root, ruleId: first.report.findings[0]!.ruleId, severity: 'block', line: 1 }]);
    const text = runCli(['scan', root], { env });
    expect(text.stdout).toContain(`Suppressed 1 finding:\n  1 by ${allowlist}`);
    expect(scanJson(['--no-user-config', root], { env }).report.verdict).toBe('no-go');
    // The same format as any allowlist: --allowlist reads it too.
    expect(scanJson(['--no-user-config', '--allowlist', allowlist, root], { env }).report.verdict).toBe('go');

    // A file other users can write is not obeyed, and the user is told.
    chmodSync(allowlist, 0o666);
    const unsafe = scanJson([root], { env });
    expect(unsafe.report.verdict).toBe('no-go');
    expect(unsafe.stderr).toContain(`${allowlist}: not yours alone: other users can write it (chmod 600 it); your decisions in it are not applied`);
  });

  it('applies to --staged too: a finding accepted in the TUI does not fail the pre-commit hook', () => {
    const repo = useRepo();
    const config = useTempDir('airlock-config-');
    repo.write('app.js', `const t = '${fakeGithubToken()}';\n`);
    repo.git('add', 'app.js');
    const staged = (...extra: string[]) => runCli(['scan', '--staged', '--format', 'json', ...extra], { cwd: repo.dir, env: { AIRLOCK_CONFIG_DIR: config } });
    const before = JSON.parse(staged().stdout) as { findings: { fingerprint: string }[] };
    writeFileSync(join(config, 'allowlist'), `${before.findings[0]!.fingerprint}\n`, { mode: 0o600 });
    const after = staged();
    expect(after.status).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ verdict: 'go', suppressed: [{ path: 'app.js', by: join(config, 'allowlist') }] });
    expect(staged('--no-user-config').status).toBe(1);
  });
});
