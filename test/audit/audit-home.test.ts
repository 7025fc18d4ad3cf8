import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { buildFixtureHome, type FixtureSecrets } from '../helpers/fixture-home.js';

interface AuditReport {
  verdict: string;
  complete: boolean;
  findings: { ruleId: string; severity: string; path: string; line?: number; message: string; remediation: string; secret?: string }[];
  advice: { topic: string; path: string; line?: number; message: string; fix: string }[];
  audit: { home: string; checked: { id: string; found: number }[]; notRead: { path: string }[] };
}

describe('airlock audit on a fixture home', () => {
  let home: string;
  let secrets: FixtureSecrets;
  let status: number | null;
  let report: AuditReport;
  let stdout: string;
  beforeAll(() => {
    home = join(mkdtempSync(join(tmpdir(), 'airlock-audit-')), 'home');
    secrets = buildFixtureHome(home);
    const run = runCli(['audit', '--home', home, '--format', 'json'], { env: { AIRLOCK_CACHE_DIR: 'off' } });
    status = run.status;
    stdout = run.stdout + run.stderr;
    report = JSON.parse(run.stdout) as AuditReport;
  });

  afterAll(() => rmSync(join(home, '..'), { recursive: true, force: true }));

  const catalog = () => report.findings.filter((f) => f.ruleId.startsWith('audit-')).map((f) => `${f.severity} ${f.ruleId} ${f.path}`).sort();

  it('exits 1, like scan, on a blocking finding, after reading everything it did not leave out', () => {
    expect(status).toBe(1);
    expect(report.verdict).toBe('no-go');
    expect(report.complete).toBe(true);
  });

  it('judges every catalog location it finds, and only those that hold something', () => {
    expect(catalog()).toEqual(
      [
        'block audit-aws-credentials .aws/credentials',
        'block audit-bitcoin-wallet .bitcoin/wallet.dat',
        'block audit-docker-registry-auth .docker/config.json',
        'block audit-gcloud-credentials .config/gcloud/application_default_credentials.json',
        'block audit-npm-token .npmrc',
        'block audit-shell-history .bash_history',
        'block audit-ssh-private-key .ssh/id_ed25519',
        'review audit-browser-cookies .config/google-chrome/Default/Cookies',
        'review audit-browser-passwords .config/google-chrome/Default/Login Data',
        'review audit-gnupg-private-keys .gnupg/private-keys-v1.d',
        'review audit-ssh-private-key .ssh/id_backup.pem',
        'review audit-ssh-private-key .ssh/id_work',
        'block audit-claude-code-config-key .claude.json',
      ].sort(),
    );
  });

  it('says which history line holds the token, what it grants, and the fix', () => {
    const history = report.findings.find((f) => f.ruleId === 'audit-shell-history')!;
    expect(history.message).toContain('line 3 holds a literal secret');
    expect(history.remediation).toMatch(/Delete those lines/);
    const npm = report.findings.find((f) => f.ruleId === 'audit-npm-token')!;
    expect(npm.message).toMatch(/readable by other accounts on this machine \(mode 644\)/);
  });

  it('treats a key with a passphrase as lower risk, and a public key, known_hosts, an sso-only AWS config, an exec kubeconfig and a ${VAR} Yarn token as nothing', () => {
    expect(report.findings.find((f) => f.path === '.ssh/id_work' && f.severity === 'block')).toBeUndefined();
    for (const path of ['.ssh/id_ed25519.pub', '.ssh/known_hosts', '.aws/config', '.kube/config', '.yarnrc.yml']) {
      expect(report.findings.filter((f) => f.path === path)).toEqual([]);
    }
  });

  it('gives supply-chain advice: npm scripts, release age, the token, Bash(*), hooks, Codex, a local MCP server with a literal key', () => {
    const advice = report.advice.map((a) => `${a.topic} ${a.path}${a.line ? `:${a.line}` : ''}`).sort();
    expect(advice).toEqual(
      [
        'agent-permissions .claude/settings.json',
        'agent-permissions .claude/settings.json',
        'agent-permissions .codex/config.toml',
        'container-build-secrets code/app/Dockerfile:5',
        'install-scripts .npmrc',
        'mcp-literal-key .claude.json',
        'registry-token .npmrc',
        'release-age .npmrc',
      ].sort(),
    );
    const mcp = report.advice.find((a) => a.topic === 'mcp-literal-key')!;
    expect(mcp.message).toContain('"db"');
    expect(report.advice.some((a) => a.message.includes('"docs"') || a.message.includes('"search"'))).toBe(false);
  });

  it('does not read caches and node_modules, and lists them by name', () => {
    expect(report.audit.notRead.map((n) => n.path).sort()).toEqual(['.cache', 'code/app/node_modules']);
    expect(report.findings.filter((f) => f.path.startsWith('.cache/') || f.path.includes('node_modules'))).toEqual([]);
    expect(report.audit.checked.find((c) => c.id === 'ssh-private-key')!.found).toBe(3);
  });

  it('reads them with --include-caches', () => {
    const run = runCli(['audit', '--home', home, '--format', 'json', '--include-caches'], { env: { AIRLOCK_CACHE_DIR: 'off' } });
    const withCaches = JSON.parse(run.stdout) as AuditReport;
    expect(withCaches.audit.notRead).toEqual([]);
    expect(withCaches.findings.some((f) => f.path === '.cache/tool/session.env')).toBe(true);
  });

  it('masks every planted secret', () => {
    for (const secret of Object.values(secrets)) expect(stdout).not.toContain(secret.slice(4, 16));
  });
});
