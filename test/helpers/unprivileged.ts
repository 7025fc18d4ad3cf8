import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './cli.js';

/**
 * How to run the CLI so that `chmod 000` really locks a file. A normal user needs nothing.
 * Root ignores file modes, and the tests run as root in CI, so as root we drop the two
 * capabilities that let root read any file (setpriv, from util-linux): the process keeps
 * uid 0, so it can still reach the repository and node wherever they live, but it is refused
 * a mode-000 file like anyone else. If the kernel or container does not allow that, we fall
 * back to running as `nobody`, which needs the repository, node and the temp folder to be
 * world-readable. Each way is proved with a probe before it is used.
 */
const CANDIDATES: { name: string; wrapper: string[] }[] = [
  {
    name: 'root without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH',
    wrapper: ['setpriv', '--inh-caps=-dac_override,-dac_read_search', '--bounding-set=-dac_override,-dac_read_search'],
  },
  { name: 'nobody (uid 65534)', wrapper: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] },
];

export interface Unprivileged {
  name: string;
  wrapper: string[];
}

let cached: Unprivileged | undefined;

function probe(wrapper: string[]): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-probe-'));
  try {
    chmodSync(dir, 0o755);
    const locked = join(dir, 'locked');
    writeFileSync(locked, 'x');
    chmodSync(locked, 0o000);
    const script = `try { require('fs').readFileSync(${JSON.stringify(locked)}); process.exit(3) } catch (e) { process.exit(e.code === 'EACCES' ? 0 : 4) }`;
    const [command, ...args] = [...wrapper, process.execPath, '-e', script];
    const isLocked = spawnSync(command!, args, { timeout: 10_000 }).status === 0;
    const [cliCommand, ...cliArgs] = [...wrapper, process.execPath, BIN, '--version'];
    const canRunCli = spawnSync(cliCommand!, cliArgs, { timeout: 10_000 }).status === 0;
    return isLocked && canRunCli;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The wrapper to run the CLI under so that file modes apply; throws, saying why, if none works. */
export function unprivileged(): Unprivileged {
  if (cached) return cached;
  if (process.getuid?.() !== 0) return (cached = { name: `the current user (uid ${process.getuid?.()})`, wrapper: [] });
  const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;
  if (!hasSetpriv) throw new Error('tests run as root and setpriv (util-linux) is missing: cannot make a file unreadable');
  for (const candidate of CANDIDATES) if (probe(candidate.wrapper)) return (cached = candidate);
  throw new Error(`tests run as root and no way to drop privileges worked (tried: ${CANDIDATES.map((c) => c.name).join('; ')})`);
}
