import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, runCli } from './cli.js';
import { writeTestRules } from './rules.js';

/**
 * vitest's globalSetup: the run gets a cache folder of its own, removed at the end, so no test
 * writes into the developer's `~/.cache/airlock` (the suite used to leave a gigabyte there).
 * Set before the workers start, `AIRLOCK_CACHE_DIR` reaches every test, every CLI it spawns and
 * every git hook or tmux shell those start. A test of the default location unsets it itself.
 */
export function setup(): () => void {
  const cache = mkdtempSync(join(tmpdir(), 'airlock-test-cache-'));
  process.env.AIRLOCK_CACHE_DIR = cache;
  // Nor does any read the developer's decisions in ~/.config/airlock (accepted findings would
  // change verdicts); a test of the default location sets AIRLOCK_CONFIG_DIR='' and HOME itself.
  const config = mkdtempSync(join(tmpdir(), 'airlock-test-config-'));
  process.env.AIRLOCK_CONFIG_DIR = config;
  seedVerdicts(cache);
  return () => {
    keepVerdicts(cache);
    rmSync(cache, { recursive: true, force: true });
    rmSync(config, { recursive: true, force: true });
  };
}

const VERDICTS = 'regex-safety.json';

/**
 * The regex safety verdicts outlive a run, alone, in a folder of this user's: checking every
 * shipped rule takes half a minute, and each test that runs `rules test` or seeds a cache of
 * its own (`useSeededCache`) would pay it.
 */
function verdictStore(): string | undefined {
  const store = join(tmpdir(), `airlock-test-verdicts-${process.getuid?.() ?? 'user'}`);
  try {
    mkdirSync(store, { recursive: true, mode: 0o700 });
    const stats = lstatSync(store);
    // Someone else's folder, or a link to one, in a shared temp folder: do without.
    const isOurs = stats.isDirectory() && (process.getuid === undefined || stats.uid === process.getuid()) && (stats.mode & 0o077) === 0;
    return isOurs ? store : undefined;
  } catch {
    return undefined;
  }
}

function seedVerdicts(cache: string): void {
  const store = verdictStore();
  if (store && existsSync(join(store, VERDICTS))) copyFileSync(join(store, VERDICTS), join(cache, VERDICTS));
  else if (existsSync(BIN)) {
    // Once, before the workers start, rather than in several of them at once.
    const rules = writeTestRules(mkdtempSync(join(tmpdir(), 'airlock-test-rules-')));
    runCli(['rules', 'test', '--rules', rules], { timeoutMs: 180_000 });
    rmSync(join(rules, '..'), { recursive: true, force: true });
  }
}

/** Only the rules found safe are kept: a rule that ran out of time on a busy machine is checked again next run. */
function keepVerdicts(cache: string): void {
  const store = verdictStore();
  if (!store || !existsSync(join(cache, VERDICTS))) return;
  try {
    const { verdicts } = JSON.parse(readFileSync(join(cache, VERDICTS), 'utf8')) as { verdicts: Record<string, string | null> };
    const safe = Object.fromEntries(Object.entries(verdicts).filter(([, verdict]) => verdict === null));
    const partial = join(store, `${VERDICTS}.${process.pid}.tmp`);
    writeFileSync(partial, JSON.stringify({ verdicts: safe }), { mode: 0o600 });
    renameSync(partial, join(store, VERDICTS));
  } catch {
    // the next run checks the rules again
  }
}
