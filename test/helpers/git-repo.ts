import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { onTestFinished } from 'vitest';

/** A real git repository in a temporary folder, driven with the real git. */
export class GitRepo {
  readonly dir: string;

  constructor(prefix = 'airlock-git-') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'user.email', 'test@airlock.invalid');
    this.git('config', 'user.name', 'airlock test');
    this.git('config', 'commit.gpgsign', 'false');
    // No gc of its own in the background: after thousands of objects git repacks them while a
    // scan reads the repository (seen in CI on a busy machine); tests that want a gc run one.
    this.git('config', 'gc.auto', '0');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  write(path: string, content: string | Buffer): this {
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    writeFileSync(join(this.dir, path), content);
    return this;
  }

  /** Stages everything and commits; returns the new commit's id. */
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A fresh repository for the running test, removed when the test finishes. */
export function useRepo(): GitRepo {
  const repo = new GitRepo();
  onTestFinished(() => repo.remove());
  return repo;
}
