import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inParallel, runCli, runCliAsync, type CliRun } from '../helpers/cli.js';
import { fakeGithubToken, fakeTailscaleKey, fakeTestToken, randomChars } from '../helpers/fake-secrets.js';
import { GitRepo } from '../helpers/git-repo.js';
import { useSeededCache } from '../helpers/regex-verdicts.js';
import { writeTestRules } from '../helpers/rules.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

/**
 * Never the leak: unique fake secrets are planted where a scan finds them (files, the git
 * history, the index, a file too large to read, a file too slow to match, rule folders that
 * fail to load), every command and format runs, and all they print and every file they write
 * (the cache, temp files, the hook) are searched for the secrets. --show-secrets is the one
 * way to see them, and it is the positive control: it proves the search would find them.
 */

/** Every file under `dir`, with its content. */
function filesUnder(dir: string): { path: string; text: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) return [];
    if (stats.isDirectory()) return filesUnder(path);
    return stats.isFile() ? [{ path, text: readFileSync(path, 'latin1') }] : [];
  });
}

/** The secret, and long pieces of it: a masked value shows at most its first four characters. */
const piecesOf = (secret: string) => [secret, secret.slice(-12), secret.slice(4, 16)];

function leaksIn(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets).flatMap(([name, secret]) => (piecesOf(secret).some((piece) => text.includes(piece)) ? [name] : []));
}

describe('never the leak: no output, error or written file holds an unmasked secret', () => {
  const seeded = useSeededCache();

  it('searches the output of every command and format, and every file written, for the planted secrets', async () => {
    const base = useTempDir('airlock-leak-');
    const home = join(base, 'home');
    const cache = join(base, 'cache');
    const tmp = join(base, 'tmp');
    for (const dir of [home, tmp]) mkdirSync(dir);
    cpSync(seeded.dir, cache, { recursive: true });
    cpSync(seeded.dir, join(home, '.cache', 'airlock'), { recursive: true });
    const rules = writeTestRules(base);
    const secrets = {
      fileToken: fakeTestToken(),
      inBundle: fakeTestToken(),
      envGithub: fakeGithubToken(),
      secretlintOnly: fakeTailscaleKey(),
      dbPassword: randomChars(20),
      historyOnly: fakeTestToken(),
      stagedOnly: fakeGithubToken(),
      tooLarge: fakeTestToken(),
      tooSlow: fakeTestToken(),
      inRuleFolder: fakeTestToken(),
      inBrokenYaml: fakeTestToken(),
    };

    const repo = new GitRepo('airlock-leak-repo-');
    try {
      const project = repo.dir;
      repo.write('old/creds.txt', `token ${secrets.historyOnly}\n`);
      repo.commit('a secret, committed');
      repo.git('rm', '-q', 'old/creds.txt');
      repo.commit('and deleted: only the history has it');
      writeTree(project, {
        'src/config.ts': `export const token = "${secrets.fileToken}";\n`,
        // Over 32 KiB: scanned in a worker thread, so findings cross between threads too.
        'public/bundle.min.js': `${'var a=1;'.repeat(5000)}var k="${secrets.inBundle}";\n`,
        '.env': `GITHUB_TOKEN=${secrets.envGithub}\nDATABASE_URL=postgres://app:${secrets.dbPassword}@db.internal:5432/app\n`,
        'deploy/ci.yml': `env:\n  TS_AUTHKEY: ${secrets.secretlintOnly}\n`,
        'dumps/big.txt': `token ${secrets.tooLarge}\n${'x'.repeat(3 * 1024 * 1024)}\n`,
      });
      repo.commit('the project');
      repo.write('staged.txt', `token ${secrets.stagedOnly}\n`);
      repo.git('add', 'staged.txt');

      // A file that runs past the time budget (secretlint's quadratic case), in a folder of its own.
      const slow = join(base, 'slow');
      writeTree(slow, { 'dump.txt': `token ${secrets.tooSlow}\n${'xoxb-1234-abcd '.repeat(70_000)}\n` });

      // Rule folders that fail to load, holding secrets where an error message might quote them.
      const ruleFolder = join(base, 'not-rules');
      writeTree(ruleFolder, {
        'settings.yml': `api_token: ${secrets.inRuleFolder}\nrules: []\n`,
        'broken.yml': `rules:\n  - id: x\n    password: "${secrets.inBrokenYaml}\n    [unclosed: {\n`,
      });

      const env = { HOME: home, TMPDIR: tmp, AIRLOCK_CACHE_DIR: cache, XDG_CACHE_HOME: '' };
      const homeEnv = { HOME: home, TMPDIR: tmp, AIRLOCK_CACHE_DIR: undefined, XDG_CACHE_HOME: undefined };
      const scanArgs = ['--rules', rules, '--max-file-size', '2M', '--file-timeout', '0.5s'];
      const runs: { label: string; run: CliRun }[] = [];
      type Command = [label: string, args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv }];
      const runAll = async (commands: Command[]) => {
        const results = await inParallel(commands.map(([, args, options = {}]) => () => runCliAsync(args, { cwd: options.cwd ?? project, env: options.env ?? env, timeoutMs: 60_000 })));
        commands.forEach(([label], i) => runs.push({ label, run: results[i]! }));
      };

      // Read-only commands, two at a time; then one that reads the cache they wrote; then the hook.
      await runAll([
        ...['text', 'json', 'sarif'].flatMap((format): Command[] => [
          [`scan ${format}`, ['scan', ...scanArgs, '--format', format, project]],
          [`scan --staged ${format}`, ['scan', '--staged', ...scanArgs, '--format', format]],
        ]),
        ...['markdown', 'html'].flatMap((format): Command[] => [
          [`scan ${format}`, ['scan', ...scanArgs, '--format', format, project]],
          [`audit ${format}`, ['audit', '--home', project, ...scanArgs, '--format', format]],
        ]),
        ['scan, default cache in $HOME', ['scan', ...scanArgs, project], { env: homeEnv }],
        ['airlock PATH (no command)', [...scanArgs, '.']],
        ['scan --fail-on incomplete', ['scan', ...scanArgs, '--fail-on', 'incomplete', project]],
        ['scan, a file stopped by the time budget', ['scan', ...scanArgs, '--format', 'json', slow]],
        ['rules list', ['rules', 'list', '--rules', rules]],
        ['rules list --json', ['rules', 'list', '--json', '--rules', rules]],
        ['rules test', ['rules', 'test', '--rules', rules]],
        ['rules test on a folder that is not rules', ['rules', 'test', '--rules', ruleFolder]],
        ['scan with a folder that is not rules', ['scan', '--rules', ruleFolder, project]],
        ['scan a missing folder', ['scan', join(project, 'missing')]],
        ['a usage error', ['scan', '--format', 'yaml', project]],
        ['scan --staged outside a repository', ['scan', '--staged'], { cwd: base }],
      ]);
      await runAll([['scan again (from the cache)', ['scan', ...scanArgs, '--format', 'json', project]]]);
      await runAll([['hook install', ['hook', 'install']]]);
      // The hook itself, run by git: it scans the index and blocks the commit.
      const commit = spawnSync('git', ['commit', '-q', '-m', 'try to commit the staged secret'], { cwd: project, encoding: 'utf8', env: { ...process.env, ...env, NO_COLOR: '1' } });
      runs.push({ label: 'the pre-commit hook', run: { status: commit.status, signal: commit.signal, stdout: commit.stdout, stderr: commit.stderr } });
      await runAll([['hook uninstall', ['hook', 'uninstall']]]);

      // The checks could fail for the wrong reason: make sure each command did what it should.
      const byLabel = Object.fromEntries(runs.map(({ label, run: r }) => [label, r]));
      expect(byLabel['scan json']!.status).toBe(1);
      const report = JSON.parse(byLabel['scan json']!.stdout) as { findings: { ruleId: string; path: string; source: string }[]; skipped: { path: string; reason: string }[] };
      expect(report.findings.map((f) => `${f.source} ${f.path}`)).toEqual(
        expect.arrayContaining(['file .env', 'file src/config.ts', 'file public/bundle.min.js', 'file deploy/ci.yml', 'git-history old/creds.txt']),
      );
      expect(report.skipped.map((s) => `${s.path} ${s.reason}`)).toEqual(['dumps/big.txt too-large']);
      expect(JSON.parse(byLabel['scan, a file stopped by the time budget']!.stdout).skipped.map((s: { reason: string }) => s.reason)).toEqual(['timeout']);
      expect(JSON.parse(byLabel['scan --staged json']!.stdout).findings.map((f: { path: string }) => f.path)).toEqual(['staged.txt']);
      expect(byLabel['the pre-commit hook']!.status).not.toBe(0);
      expect(byLabel['the pre-commit hook']!.stdout + byLabel['the pre-commit hook']!.stderr).toContain('NO-GO');
      expect(byLabel['rules test on a folder that is not rules']!.status).toBe(2);
      expect(byLabel['hook install']!.status).toBe(0);
      expect(byLabel['audit html']!.stdout).toMatch(/<h2>Do (?:this|these \w+ things) first<\/h2>/);

      const leaks = runs.flatMap(({ label, run: r }) => leaksIn(r.stdout + r.stderr, secrets).map((name) => `${label}: ${name}`));
      expect(leaks).toEqual([]);

      // Every file airlock wrote: the cache (both places), temp files, the hook it installed.
      const written = [...filesUnder(cache), ...filesUnder(home), ...filesUnder(tmp), ...filesUnder(join(project, '.git', 'hooks')).filter((f) => !f.path.endsWith('.sample'))];
      expect(written.map((f) => f.path.slice(base.length)).some((p) => p.includes('scan-'))).toBe(true);
      expect(written.flatMap((f) => leaksIn(f.text, secrets).map((name) => `${f.path}: ${name}`))).toEqual([]);

      // The positive control: --show-secrets prints them, so the search above can see them…
      const shown = runCli(['scan', ...scanArgs, '--show-secrets', project], { cwd: project, env });
      expect(leaksIn(shown.stdout, secrets).sort()).toEqual(['dbPassword', 'envGithub', 'fileToken', 'historyOnly', 'inBundle', 'secretlintOnly', 'stagedOnly']);
      // …and writes none of them anywhere.
      expect([...filesUnder(cache), ...filesUnder(home), ...filesUnder(tmp)].flatMap((f) => leaksIn(f.text, secrets))).toEqual([]);
    } finally {
      repo.remove();
    }
    // The temp folder TMPDIR pointed at stays empty: airlock writes no temp files.
    expect(execFileSync('find', [tmp, '-mindepth', '1'], { encoding: 'utf8' })).toBe('');
  }, 180_000);
});
