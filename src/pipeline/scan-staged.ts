import { readBlobs } from '../git/cat-file.js';
import { hasGit } from '../git/git-process.js';
import { listStaged } from '../git/staged.js';
import type { Skipped } from '../model/finding.js';
import type { Allowlist, Collected } from '../verdict/suppress.js';
import { readFolderAllowlist } from './allowlists.js';
import { finishScan } from './finish.js';
import { fail, ok, type Outcome } from '../model/outcome.js';
import type { ScanResult } from '../model/result.js';
import { collect } from './findings.js';
import { prepareEngine } from './prepare.js';
import { scanFileTask } from './scan-file-task.js';

export interface StagedScanOptions {
  cwd: string;
  pathspecs: string[];
  ruleDirs: string[];
  maxFileSize: number;
  showSecrets: boolean;
  allowlists?: Allowlist[];
  refuseFolderConfig?: boolean;
}

/**
 * Scans what the next commit would contain: the staged blobs, read from the index, on the
 * main thread (a commit is a handful of files; workers would cost more than they save).
 */
export async function scanStaged(options: StagedScanOptions): Promise<Outcome<ScanResult>> {
  const started = performance.now();
  if (!hasGit()) return fail('--staged needs git, and git is not installed');
  const staged = listStaged(options.cwd, options.pathspecs);
  if (!staged.ok) return staged;
  const engine = await prepareEngine(options.ruleDirs, [staged.value.repoRoot]);
  if (!engine.ok) return engine;
  const { repoRoot, gitDir, files } = staged.value;
  const pathOf = new Map(files.map((f) => [f.oid, f.path]));
  const collected: Collected[] = [];
  const notices: string[] = [];
  const skipped: Skipped[] = [];
  const stats = { files: 0, bytes: 0, durationMs: 0 };
  const taskOptions = { maxFileSize: options.maxFileSize, showSecrets: options.showSecrets };
  // Two staged paths may share one blob: scan it once, report it at each path.
  await readBlobs({ gitDir, workTree: repoRoot }, [...pathOf.keys()], async ({ oid, bytes }) => {
    for (const file of files.filter((f) => f.oid === oid)) {
      stats.files++;
      if (bytes.length > options.maxFileSize) {
        skipped.push({ root: repoRoot, path: file.path, reason: 'too-large', detail: `${bytes.length} bytes, over the ${options.maxFileSize}-byte limit` });
        continue;
      }
      stats.bytes += bytes.length;
      const report = await scanFileTask(engine.value.ruleSet, { root: repoRoot, path: file.path, source: 'staged', bytes }, taskOptions);
      for (const f of report.findings) collected.push(collect(f, repoRoot, 'staged'));
    }
  });
  const folder = readFolderAllowlist(repoRoot, notices);
  if (options.refuseFolderConfig) for (const list of folder) notices.push(`--no-folder-config: ${list.by} not applied`);
  const allowlists = [...(options.allowlists ?? []), ...(options.refuseFolderConfig ? [] : folder)];
  const gathered = { roots: [repoRoot], collected, skipped, excluded: [], notices, stats, started };
  return ok(finishScan(gathered, { allowlists, refuseFolderConfig: options.refuseFolderConfig ?? false }));
}
