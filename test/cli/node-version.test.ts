import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeTooOld } from '../../src/cli/node-version.js';
import { BIN } from '../helpers/cli.js';

/** A Node.js older than 22 on this machine, if there is one (the CI image ships Node 20). */
const oldNode = ['/usr/local/bin/node', '/usr/bin/node'].find((path) => {
  if (!existsSync(path)) return false;
  const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim();
  return /^v(?:1\d|2[01])\./.test(version);
});

describe('an old Node.js is told in one line', () => {
  it.each([
    ['20.20.2', true],
    ['21.7.3', true],
    ['18.0.0', true],
    ['22.12.0', true],
    ['22.13.0', false],
    ['23.0.0', false],
    ['24.21.0', false],
  ])('%s too old: %s', (version, isTooOld) => {
    const line = nodeTooOld(version);
    expect(line !== undefined).toBe(isTooOld);
    if (line) expect(line).toMatch(new RegExp(`needs Node.js 22.13 or newer \\(this is ${version.replaceAll('.', '\\.')}\\)`));
  });

  it.skipIf(!oldNode)('the built CLI under a real old Node prints that line and exits 2, for every command', () => {
    for (const args of [['--version'], ['scan', '.'], ['rules', 'test']]) {
      const run = spawnSync(oldNode!, [BIN, ...args], { encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^airlock: needs Node\.js 22\.13 or newer \(this is 2[01]\./);
    }
  });
});
