import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/cli.js';
import { scanDocument, type ScanDocument } from './contract.js';

/** Files in fixtures/sample-project holding planted fake secrets; everything else is a decoy. */
const PLANTED = ['.env', '.npmrc', 'config/aws.ini', 'config/ci.json', 'deploy/id_ed25519'];
const DECOYS = ['.env.example', '.gitignore', 'README.md', 'deploy/id_ed25519.pub', 'docs/tokens.md', 'package-lock.json', 'src/app.ts'];

describe('airlock scan of fixtures/sample-project (built CLI, JSON)', () => {
  let workdir: string;
  let root: string;
  let run: ReturnType<typeof runCli>;
  let document: ScanDocument;

  beforeAll(() => {
    // A copy, so the test can also prove that scanning writes nothing into the folder.
    workdir = mkdtempSync(join(tmpdir(), 'airlock-e2e-'));
    root = join(workdir, 'sample-project');
    cpSync(join(FIXTURES, 'sample-project'), root, { recursive: true });
    run = runCli(['scan', root, '--format', 'json']);
    document = scanDocument.parse(JSON.parse(run.stdout));
  });
  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  it('exits 1 with a NO-GO verdict over a complete scan', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(document.verdict).toBe('no-go');
    expect(document.complete).toBe(true);
    expect(document.roots).toEqual([root]);
    expect(document.stats.files).toBe(PLANTED.length + DECOYS.length);
  });

  it('flags every planted file, and nothing else', () => {
    const flagged = [...new Set(document.findings.map((f) => f.path))].sort();
    expect(flagged).toEqual([...PLANTED].sort());
    for (const path of PLANTED) {
      expect(document.findings.filter((f) => f.path === path && f.severity === 'block').length, path).toBeGreaterThan(0);
    }
  });

  it('masks every secret: no planted value appears in the output', () => {
    const planted = [
      ...readFileSync(join(root, '.env'), 'utf8').matchAll(/^(?:DATABASE_PASSWORD|STRIPE_SECRET_KEY)=(.+)$/gm),
      ...readFileSync(join(root, '.npmrc'), 'utf8').matchAll(/_authToken=(.+)$/gm),
      ...readFileSync(join(root, 'config/ci.json'), 'utf8').matchAll(/"token": "([^"]+)"/g),
      ...readFileSync(join(root, 'config/aws.ini'), 'utf8').matchAll(/= (\S{20,})$/gm),
    ].map((m) => m[1]!);
    expect(planted).toHaveLength(6);
    for (const secret of planted) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stdout).not.toContain(secret.slice(0, 12));
    }
    for (const finding of document.findings.filter((f) => f.secret)) expect(finding.secret).toMatch(/^.{0,4}…$/);
  });

  it('gives 1-based line and column for content findings', () => {
    const stripe = document.findings.find((f) => f.path === '.env' && f.secret?.startsWith('sk_l'));
    expect(stripe).toMatchObject({ line: 5, column: 19, source: 'file' });
  });
});
