import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const NPM_FLAGS = ['--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];

export type InstallMethod = 'npm ci' | 'npm install (lock file unchanged)' | 'npm install (lock file updated)';

function npm(args: string[], cwd: string) {
  return spawnSync('npm', args, { cwd, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
}

/**
 * Installs the shared reference dependency tree (`../shared/bench`) into `appDir`.
 * `npm ci` first; when this npm refuses the lock file as out of sync (newer npm versions want
 * entries for other platforms' optional packages), `npm install` from the same lock file,
 * which pins every version, and says which it used.
 */
export function installNodeModules(appDir: string, sharedBench: string): InstallMethod {
  for (const file of ['package.json', 'package-lock.json']) {
    if (!existsSync(join(sharedBench, file))) {
      throw new Error(`${join(sharedBench, file)} is missing: the benchmark needs ../shared/bench beside the repository (the pinned reference tree)`);
    }
  }
  mkdirSync(appDir, { recursive: true });
  copyFileSync(join(sharedBench, 'package.json'), join(appDir, 'package.json'));
  copyFileSync(join(sharedBench, 'package-lock.json'), join(appDir, 'package-lock.json'));
  const ci = npm(['ci', ...NPM_FLAGS], appDir);
  if (ci.status === 0) return 'npm ci';
  if (!/in sync|EUSAGE/.test(ci.stderr)) throw new Error(`npm ci failed in ${appDir}:\n${ci.stderr}`);
  console.log('  npm ci refused the shared lock file as out of sync with this npm; using npm install with the same lock file');
  const install = npm(['install', ...NPM_FLAGS], appDir);
  if (install.status !== 0) throw new Error(`npm install failed in ${appDir}:\n${install.stderr}`);
  const isUnchanged = readFileSync(join(appDir, 'package-lock.json'), 'utf8') === readFileSync(join(sharedBench, 'package-lock.json'), 'utf8');
  return isUnchanged ? 'npm install (lock file unchanged)' : 'npm install (lock file updated)';
}
