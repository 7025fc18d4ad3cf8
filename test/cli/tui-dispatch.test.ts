import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wantsTui } from '../../src/cli/tui-choice.js';
import { MAIN_HELP } from '../../src/cli/main.js';
import { REPO_DIR, runCli } from '../helpers/cli.js';
import { fakeTestToken } from '../helpers/fake-secrets.js';
import { GitRepo } from '../helpers/git-repo.js';
import { writeTestRules } from '../helpers/rules.js';
import { useTempDir, writeTree } from '../helpers/temp-dir.js';

const TERMINAL = { isTerminal: true, isInTerminal: true };

describe('wantsTui: when `airlock [PATH...]` opens the terminal UI', () => {
  it('opens on a terminal, with scan options that make sense in it', () => {
    expect(wantsTui([], TERMINAL)).toBe(true);
    expect(wantsTui(['a', 'b', '--fail-on', 'review', '--max-file-size', '1M', '--show-secrets'], TERMINAL)).toBe(true);
  });

  it('does not open unless stdin and stdout are both terminals', () => {
    expect(wantsTui(['a'], { isTerminal: false, isInTerminal: true })).toBe(false);
    expect(wantsTui(['a'], { isTerminal: true, isInTerminal: false })).toBe(false);
    expect(wantsTui(['a'], { isTerminal: true })).toBe(false);
  });

  it.each([['--no-tui'], ['--format', 'json'], ['--format=sarif'], ['--staged'], ['--help'], ['-h']])('prints the plain scan with %s', (...flags) => {
    expect(wantsTui(['a', ...flags], TERMINAL)).toBe(false);
  });

  it('says so in the main help', () => {
    expect(MAIN_HELP).toContain('--no-tui');
    expect(MAIN_HELP).toMatch(/stdin and stdout are both\s+terminals/);
  });
});

/** Node's own module hooks, reporting every React or ink module the CLI loads. */
const TRACE_HOOK = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
registerHooks({ resolve(specifier, context, next) {
  const resolved = next(specifier, context);
  if (/node_modules\\/(ink|react)\\//.test(resolved.url)) process.stderr.write('LOADED ' + resolved.url + '\\n');
  return resolved;
} });
`)}`;

describe('the plain paths load no React or ink', () => {
  it('`airlock DIR` with stdout a pipe prints the plain scan (verdict, plan), loading no TUI', () => {
    const base = useTempDir();
    const root = join(base, 'root');
    writeTree(root, { 'config.txt': `token ${fakeTestToken()}\n`, 'ok.txt': 'fine\n' });
    const run = runCli(['--rules', writeTestRules(base), root], { nodeArgs: ['--import', TRACE_HOOK], env: { AIRLOCK_CACHE_DIR: join(base, 'cache') } });
    expect(run.stderr).not.toContain('LOADED');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^NO-GO {2}1 blocking — complete scan$/m);
    expect(run.stdout).toContain('Mount plan');
  });

  it('`airlock scan --staged` loads no TUI', () => {
    const repo = new GitRepo();
    try {
      repo.write('a.txt', 'hello\n');
      repo.git('add', 'a.txt');
      const run = runCli(['scan', '--staged'], { cwd: repo.dir, nodeArgs: ['--import', TRACE_HOOK], env: { AIRLOCK_CACHE_DIR: useTempDir() } });
      expect(run.stderr).not.toContain('LOADED');
      expect(run.status).toBe(0);
    } finally {
      repo.remove();
    }
  });

  it('the trace sees the TUI when it is loaded (the check can fail)', () => {
    const dir = useTempDir();
    const script = join(dir, 'load.mjs');
    writeFileSync(script, `await import(${JSON.stringify(join(REPO_DIR, 'dist', 'tui', 'index.js'))});\n`);
    const run = runCli([], { nodeArgs: ['--import', TRACE_HOOK, script] });
    expect(run.stderr).toContain('LOADED');
  });
});
