import { BlobSource } from '../git/cat-file.js';
import { hasGit } from '../git/git-process.js';
import { findRepository, listStaged, type Repository } from '../git/staged.js';
import { addTally, emptyTally } from '../model/contents.js';
import type { Skipped } from '../model/finding.js';
import type { Allowlist, Collected } from '../verdict/suppress.js';
import { readFolderAllowlist } from './allowlists.js';
import { readUserDecisions } from './user-decisions.js';
import { finishScan } from './finish.js';
import { fail, ok, type Outcome } from '../model/outcome.js';
import type { ScanResult } from '../model/result.js';
import { collect } from './findings.js';
import { cacheFolderFor } from './cache-dir.js';
import { pruneCacheWhenDue } from './cache-prune.js';
import { prepareEngine, unsafeRuleNotices } from './prepare.js';
import { skippedOf } from './scan-file-task.js';
import type { DataConfig } from '../rules/data-config.js';
import { createTaskRunner, DEFAULT_FILE_TIMEOUT_MS } from './task-runner.js';

export interface StagedScanOptions {
  cwd: string;
  pathspecs: string[];
  ruleDirs: string[];
  maxFileSize: number;
  showSecrets: boolean;
  allowlists?: Allowlist[];
  refuseFolderConfig?: boolean;
  /** The user's config folder, whose accepted findings apply; none when undefined. */
  userConfigDir?: string;
  /** Per-file time budget for staged blobs large enough to be scanned in a worker. */
  fileTimeoutMs?: number;
  /** The `data` section of the user's configuration (`--config`). */
  data?: DataConfig;
}

/**
 * Scans what the next commit would contain: the staged blobs, read from the index.
 */
export async function scanStaged(options: StagedScanOptions): Promise<Outcome<ScanResult>> {
  const started = performance.now();
  const repository = findRepository(options.cwd);
  if (!repository.ok) return hasGit() ? repository : fail('--staged needs git, and git is not installed');
  // git is asked for the staged blobs' contents by a process started now, while another lists
  // them and the rules load: its start is not waited for once the list is known.
  const blobs = new BlobSource({ gitDir: repository.value.gitDir, workTree: repository.value.repoRoot });
  try {
    return await scanBlobs(options, repository.value, blobs, started);
  } finally {
    blobs.close();
  }
}

async function scanBlobs(options: StagedScanOptions, repository: Repository, blobs: BlobSource, started: number): Promise<Outcome<ScanResult>> {
  // git lists the staged blobs while the rules compile.
  const cacheFolder = cacheFolderFor([repository.repoRoot]);
  const [staged, engine] = await Promise.all([listStaged(repository, options.pathspecs), prepareEngine(options.ruleDirs, cacheFolder, options.data)]);
  if (!staged.ok) return staged;
  if (!engine.ok) return engine;
  const { repoRoot, files } = staged.value;
  const oids = [...new Set(files.map((f) => f.oid))];
  const collected: Collected[] = [];
  const notices: string[] = [];
  const skipped: Skipped[] = [];
  const stats = { files: 0, bytes: 0, durationMs: 0, inside: emptyTally() };
  // The main thread scans the blobs (workers would cost more than they save), except a blob
  // large enough to outlast the time budget: that one goes to a worker the watchdog can stop.
  const runner = createTaskRunner(
    engine.value.ruleSet,
    engine.value.setup,
    {
      maxFileSize: options.maxFileSize,
      showSecrets: options.showSecrets,
      jobs: 1,
      fileTimeoutMs: options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS,
      isMainThreadSafe: engine.value.unsafeRules.length === 0,
    },
    (report) => {
      stats.bytes += report.bytes;
      if (report.inside) addTally(stats.inside, report.inside);
      skipped.push(...skippedOf(report, repoRoot));
      for (const f of report.findings) collected.push(collect(f, repoRoot, 'staged'));
    },
  );
  // One blob asked for ahead of the one scanned: git works meanwhile, and no more than two
  // blobs are held however large the commit.
  const ask = (index: number) => {
    const answer = index < oids.length ? blobs.read([oids[index]!]) : Promise.resolve([]);
    answer.catch(() => {}); // awaited below, in turn
    return answer;
  };
  let next = ask(0);
  for (let index = 0; index < oids.length; index++) {
    const [bytes] = await next;
    next = ask(index + 1);
    if (bytes === undefined) continue; // not in git's store: nothing to read
    // Two staged paths may share one blob: scan it once per path (path rules differ).
    for (const file of files.filter((f) => f.oid === oids[index])) {
      stats.files++;
      if (bytes.length > options.maxFileSize) {
        skipped.push({ root: repoRoot, path: file.path, reason: 'too-large', detail: `${bytes.length} bytes, over the ${options.maxFileSize}-byte limit` });
        continue;
      }
      await runner.add({ root: repoRoot, path: file.path, source: 'staged', bytes });
    }
  }
  await runner.finish();
  await engine.value.keepRules?.();
  if (cacheFolder) pruneCacheWhenDue(cacheFolder);
  notices.push(...unsafeRuleNotices(engine.value));
  const folder = readFolderAllowlist(repoRoot, notices);
  if (options.refuseFolderConfig) for (const list of folder) notices.push(`--no-folder-config: ${list.by} not applied`);
  const allowlists = [...(options.allowlists ?? []), ...(options.refuseFolderConfig ? [] : folder)];
  const gathered = { roots: [repoRoot], collected, skipped, excluded: [], notices, stats, started };
  const decisions = options.userConfigDir === undefined ? undefined : readUserDecisions(options.userConfigDir, notices);
  return ok(finishScan(gathered, { allowlists, refuseFolderConfig: options.refuseFolderConfig ?? false }, decisions));
}
