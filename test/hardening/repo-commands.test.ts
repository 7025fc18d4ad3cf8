import { chmodSync, existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fakeGithubToken } from '../helpers/fake-secrets.js';
import { useRepo } from '../helpers/git-repo.js';
import { useTempDir } from '../helpers/temp-dir.js';

/**
 * A folder's repository can name commands for git to run by itself. airlock's git calls must
 * run none of them, whatever the scan: a history scan, a rescan from the cache, a staged scan.
 */
describe('a repository that names commands for git to run', () => {
  it('has none of them run by a scan, a rescan or a staged scan, and its secrets are still found', () => {
    const repo = useRepo();
    const marker = join(useTempDir(), 'ran');
    const command = (name: string) => {
      const file = join(useTempDir(), `${name}.sh`);
      writeFileSync(file, `#!/bin/sh\necho ${name} >> '${marker}'\ncat\n`);
      chmodSync(file, 0o755);
      return file;
    };
    repo.write('.gitattributes', '*.txt filter=evil\n').write('notes.txt', 'plain notes\n').write('config.env', `GITHUB_TOKEN=${fakeGithubToken()}\n`).commit('start');
    // A signed commit: `log` verifies it with gpg.program when log.showSignature is set.
    const tree = repo.git('rev-parse', 'HEAD^{tree}');
    const parent = repo.git('rev-parse', 'HEAD');
    const signed = [`tree ${tree}`, `parent ${parent}`, 'author a <a@airlock.invalid> 1700000000 +0000', 'committer a <a@airlock.invalid> 1700000000 +0000', 'gpgsig -----BEGIN PGP SIGNATURE-----', ' ', ' AAAA', ' -----END PGP SIGNATURE-----', '', 'signed', ''].join('\n');
    const objectFile = join(useTempDir(), 'commit');
    writeFileSync(objectFile, signed);
    repo.git('update-ref', 'refs/heads/main', repo.git('hash-object', '-t', 'commit', '-w', objectFile));
    repo.git('config', 'core.fsmonitor', command('fsmonitor'));
    repo.git('config', 'log.showSignature', 'true');
    repo.git('config', 'gpg.program', command('gpg'));
    repo.git('config', 'filter.evil.clean', command('clean-filter'));
    repo.git('config', 'filter.evil.process', command('process-filter'));
    repo.write('staged.env', `TOKEN=${fakeGithubToken()}\n`);
    repo.git('-c', 'core.fsmonitor=false', '-c', 'filter.evil.clean=', '-c', 'filter.evil.process=', 'add', 'staged.env');
    // The index older than its files: git compares the untouched ones by content, through the filter.
    const older = new Date(Date.now() - 3_600_000);
    utimesSync(join(repo.dir, '.git', 'index'), older, older);
    const cache = join(useTempDir(), 'cache');
    const env = { AIRLOCK_CACHE_DIR: cache };
    const ran = () => (existsSync(marker) ? readFileSync(marker, 'utf8') : '');

    const first = runCli(['scan', repo.dir, '--format', 'json'], { env });
    expect(first.status, first.stderr).toBe(1);
    expect(JSON.parse(first.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('github-pat');
    const again = runCli(['scan', repo.dir, '--format', 'json'], { env });
    expect(JSON.parse(again.stdout).findings).toEqual(JSON.parse(first.stdout).findings);
    const staged = runCli(['scan', '--staged', '--format', 'json'], { cwd: repo.dir, env });
    expect(staged.status, staged.stderr).toBe(1);
    expect(JSON.parse(staged.stdout).findings.map((f: { path: string }) => f.path)).toEqual(['staged.env']);
    expect(ran()).toBe('');
  });
});
