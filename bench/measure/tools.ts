import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from './run-timed.ts';

export interface Paths {
  /** The airlock repository (for dist/bin.js and bench/). */
  repo: string;
}

/** A prepared run: the command, and what to clean up after it. */
export interface Prepared {
  command: Command;
  cleanup?: () => void;
}

export interface Tool {
  id: ToolId;
  label: string;
  prepare(roots: string[]): Prepared;
}

export const TOOL_IDS = ['airlock', 'airlock-no-history', 'airlock-warm', 'rg', 'secretlint', 'cat', 'node-read'] as const;
export type ToolId = (typeof TOOL_IDS)[number];

const TS_CHILD = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'];

/**
 * A private home and cache folder for one airlock run: airlock's persistent cache (when it
 * has one) lives in the user's cache directory, so a fresh one is a cold cache and a kept,
 * primed one is a warm cache. Nothing of the real user's cache is read or written.
 */
export interface CacheHome {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Whether airlock wrote anything there (i.e. it has a persistent cache). */
  isUsed(): boolean;
  remove(): void;
}

function hasAnyFile(dir: string): boolean {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) return true;
    if (entry.isDirectory() && hasAnyFile(join(dir, entry.name))) return true;
  }
  return false;
}

export function createCacheHome(): CacheHome {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-bench-home-'));
  const home = join(dir, 'home');
  const cache = join(dir, 'cache');
  mkdirSync(home);
  mkdirSync(cache);
  return {
    dir,
    // AIRLOCK_CACHE_DIR wins over XDG_CACHE_HOME and HOME in airlock; all three point here.
    env: { ...process.env, HOME: home, XDG_CACHE_HOME: cache, AIRLOCK_CACHE_DIR: join(cache, 'airlock') },
    isUsed: () => hasAnyFile(dir),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function airlockCommand(paths: Paths, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Command {
  return { command: process.execPath, args: [join(paths.repo, 'dist', 'bin.js'), ...args], env, ...(cwd ? { cwd } : {}) };
}

const scanArgs = (roots: string[], extra: string[] = []) => ['scan', ...roots, '--format', 'json', '--fail-on', 'never', ...extra];

/** The tools compared on a tier. `warmHome` is a cache home primed by one untimed scan. */
export function createTools(paths: Paths, warmHome: CacheHome | undefined): Tool[] {
  const cold = (extra: string[]) => (roots: string[]): Prepared => {
    const home = createCacheHome();
    return { command: airlockCommand(paths, scanArgs(roots, extra), home.env), cleanup: home.remove };
  };
  const tools: Tool[] = [
    { id: 'airlock', label: 'airlock scan (cold)', prepare: cold([]) },
    { id: 'airlock-no-history', label: 'airlock scan --no-history (cold)', prepare: cold(['--no-history']) },
    {
      id: 'rg',
      label: 'rg -uuu -c -f (32 patterns)',
      prepare: (roots) => ({ command: { command: 'rg', args: ['-uuu', '-c', '-f', join(paths.repo, 'bench', 'rg-patterns.txt'), ...roots], okExitCodes: [0, 1] } }),
    },
    {
      id: 'secretlint',
      label: "secretlint's engine (recommended preset)",
      prepare: (roots) => ({ command: { command: process.execPath, args: [...TS_CHILD, join(paths.repo, 'bench', 'measure', 'secretlint-engine.ts'), ...roots] } }),
    },
    {
      id: 'cat',
      label: 'floor: cat of every file',
      prepare: (roots) => ({ command: { command: 'sh', args: ['-c', 'find "$@" -type f -print0 | xargs -0 cat > /dev/null', 'sh', ...roots] } }),
    },
    {
      id: 'node-read',
      label: 'floor: Node readFileSync loop',
      prepare: (roots) => ({ command: { command: process.execPath, args: [...TS_CHILD, join(paths.repo, 'bench', 'measure', 'read-loop.ts'), ...roots] } }),
    },
  ];
  if (warmHome) {
    tools.splice(2, 0, { id: 'airlock-warm', label: 'airlock scan (warm cache)', prepare: (roots) => ({ command: airlockCommand(paths, scanArgs(roots), warmHome.env) }) });
  }
  return tools;
}
