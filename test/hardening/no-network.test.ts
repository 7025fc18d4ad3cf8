import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inParallel, runCli, runCliAsync, type CliOptions, type CliRun } from '../helpers/cli.js';
import { fakeGithubToken, fakeTestToken } from '../helpers/fake-secrets.js';
import { GitRepo } from '../helpers/git-repo.js';
import { useSeededCache } from '../helpers/regex-verdicts.js';
import { writeTestRules } from '../helpers/rules.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

/**
 * No network access at any point: every command runs (1) under a preload that makes any
 * socket, DNS, HTTP, TLS, UDP or fetch call fail loudly, in the main thread and in every
 * worker, and (2) in a network namespace with no interfaces but loopback-down (`unshare -n`),
 * where git and everything else is cut off too. Both must give exactly what a normal run gives.
 */
const GUARD = pathToFileURL(join(import.meta.dirname, '..', 'helpers', 'preload', 'no-network.mjs')).href;

/** How to run a command without a network, if this machine lets us: as root, or in a user namespace. */
function networkNamespace(): string[] | undefined {
  for (const wrapper of [['unshare', '-n'], ['unshare', '-rn']]) {
    // /proc/net/dev lists the interfaces of the caller's namespace: a new one has only `lo`, down.
    const probe = spawnSync(wrapper[0]!, [...wrapper.slice(1), 'sh', '-c', 'test "$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d " ")" = lo'], { timeout: 10_000 });
    if (probe.status === 0) return wrapper;
  }
  return undefined;
}
const NETNS = networkNamespace();

/** Scans run with --no-cache (every file is scanned each time); the regex verdicts are seeded. */
const cache = useSeededCache();

/** A repository with files, history, a staged change, and a file over 32 KiB so a worker runs. */
function setup() {
  const base = useTempDir('airlock-net-');
  const rules = writeTestRules(base);
  const repo = new GitRepo('airlock-net-repo-');
  repo.write('old.txt', `token ${fakeTestToken()}\n`).commit('a secret');
  repo.git('rm', '-q', 'old.txt');
  writeTree(repo.dir, {
    'public/bundle.min.js': `${'var a=1;'.repeat(5000)}var k="${fakeTestToken()}";\n`,
    '.env': `GITHUB_TOKEN=${fakeGithubToken()}\n`,
    'config/db.yml': `url: postgres://app:Zr8kLm2QwXe5TnVb@db.internal/app\n`,
  });
  repo.commit('the project');
  repo.write('staged.txt', `token ${fakeTestToken()}\n`);
  repo.git('add', 'staged.txt');
  return { base, rules, repo, env: { AIRLOCK_CACHE_DIR: cache.dir } };
}

/** Output to compare between runs: the same but for timings and the guard's own lines. */
const comparable = (run: CliRun) => ({
  status: run.status,
  stdout: run.stdout.replace(/"durationMs": \d+/g, '"durationMs": 0').replace(/ read in \d+\.\d s/g, ' read in 0 s'),
  stderr: run.stderr.replace(/^airlock-test: network guard on .*\n/gm, ''),
});

function commands(dir: string, rules: string): { label: string; args: string[]; cwd?: string }[] {
  return [
    { label: 'scan json (history, a worker)', args: ['scan', '--no-cache', '--format', 'json', '--rules', rules, dir] },
    { label: 'scan --staged', args: ['scan', '--staged', '--format', 'json', '--rules', rules], cwd: dir },
    { label: 'rules list', args: ['rules', 'list', '--rules', rules] },
    { label: 'rules test', args: ['rules', 'test', '--rules', rules] },
  ];
}

describe('no network access at any point', () => {
  it(`never touches the network API, in the main thread or any worker, and gives the same results with the network gone (${NETNS?.join(' ') ?? 'no namespace: unshare is not permitted here'})`, async () => {
    const { rules, repo, env } = setup();
    try {
      const variants = (args: string[], cwd: string | undefined) => {
        const options: CliOptions = { cwd: cwd ?? repo.dir, env, timeoutMs: 120_000 };
        return [
          () => runCliAsync(args, { ...options, nodeArgs: ['--import', GUARD] }),
          () => runCliAsync(args, options),
          // In a namespace without a network, git and everything else is cut off too.
          ...(NETNS ? [() => runCliAsync(args, { ...options, wrapper: NETNS })] : []),
        ];
      };
      const list = commands(repo.dir, rules);
      const results = await inParallel(list.flatMap(({ args, cwd }) => variants(args, cwd)));
      const perCommand = NETNS ? 3 : 2;
      let workerGuards = 0;
      list.forEach(({ label }, i) => {
        const [guarded, plain, offline] = results.slice(i * perCommand, (i + 1) * perCommand) as [CliRun, CliRun, CliRun?];
        expect(guarded.stderr, label).not.toContain('network use');
        expect(guarded.stderr, label).toContain('airlock-test: network guard on the main thread\n');
        workerGuards += guarded.stderr.split('airlock-test: network guard on a worker thread').length - 1;
        expect(comparable(guarded), label).toEqual(comparable(plain));
        if (offline) expect(comparable(offline), label).toEqual(comparable(plain));
      });
      // The guard was in the worker that scans the large file too (the staged scan does not hold it).
      expect(workerGuards).toBeGreaterThanOrEqual(1);
      // The hook installs without a network too.
      const hook = runCli(['hook', 'install'], { cwd: repo.dir, env, nodeArgs: ['--import', GUARD] });
      expect(hook.status).toBe(0);
      expect(hook.stderr).not.toContain('network use');
    } finally {
      repo.remove();
    }
  }, 240_000);
});
