import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { BlobSource } from '../git/cat-file.js';
import { hasGit } from '../git/git-process.js';
import { blobSizes, findRepository, listStaged, type Repository } from '../git/staged.js';
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
import { skippedOf, tooLargeDetail, unreadBlobDetail } from './scan-file-task.js';
import { matchPath } from '../engine/scan-file.js';
import type { DataConfig } from '../rules/data-config.js';
import { createTaskRunner, DEFAULT_FILE_TIMEOUT_MS } from './task-runner.js';
import { capYoungGeneration } from './heap-limits.js';

/** From this many staged blobs on, worker threads read and scan them. */
const POOLED_FROM = 256;

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
  /**
   * Told once the commit is known to be large (read by worker threads), before any of it is
   * read: the CLI starts itself again there with its allocator set for a long scan.
   */
  onLargeCommit?: () => void;
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
  // Two staged paths may share one blob: it is read once and scanned once per path (path rules differ).
  const pathsOf = new Map<string, string[]>();
  for (const f of files) {
    const paths = pathsOf.get(f.oid);
    if (paths) paths.push(f.path);
    else pathsOf.set(f.oid, [f.path]);
  }
  const oids = [...pathsOf.keys()];
  const collected: Collected[] = [];
  const notices: string[] = [];
  const skipped: Skipped[] = [];
  const stats = { files: 0, bytes: 0, durationMs: 0, inside: emptyTally() };
  // A commit of a few files is scanned on the main thread (workers would cost more than they
  // save), except a blob large enough to outlast the time budget: that one goes to a worker
  // the watchdog can stop. A large commit (a vendored node_modules: 56,000 blobs took 150 s
  // on one thread) goes to a pool of workers that read the blobs from git themselves, as
  // history blobs are read, never passing through this thread.
  const isPooled = oids.length >= POOLED_FROM;
  if (isPooled) options.onLargeCommit?.();
  const sizes = isPooled ? await blobSizes(repository, oids) : undefined;
  if (sizes && !sizes.ok) return sizes;
  // Workers take the main thread's young-generation cap when they start (heap-limits.ts): without
  // it each grew a heap of 100-190 MB on a large commit, 590 MiB in all.
  const stopCapping = isPooled ? capYoungGeneration() : () => {};
  const runner = createTaskRunner(
    engine.value.ruleSet,
    engine.value.setup,
    {
      maxFileSize: options.maxFileSize,
      showSecrets: options.showSecrets,
      jobs: isPooled ? availableParallelism() : 1,
      fileTimeoutMs: options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS,
      isMainThreadSafe: engine.value.unsafeRules.length === 0,
    },
    (report) => {
      stats.files++;
      stats.bytes += report.bytes;
      if (report.inside) addTally(stats.inside, report.inside);
      skipped.push(...skippedOf(report, repoRoot));
      for (const f of report.findings) collected.push(collect(f, repoRoot, 'staged'));
    },
  );
  // A blob not read: over the size limit (its path rules still apply), or not in git's store (a damaged repository).
  const notRead = (path: string, oid: string, size: number | undefined) => {
    stats.files++;
    if (size === undefined) return void skipped.push({ root: repoRoot, path, reason: 'unreadable', detail: unreadBlobDetail(oid) });
    skipped.push({ root: repoRoot, path, reason: 'too-large', detail: tooLargeDetail(size, options.maxFileSize) });
    for (const f of matchPath(engine.value.ruleSet, path, basename(repoRoot))) collected.push(collect(f, repoRoot, 'staged'));
  };
  if (sizes) {
    for (const [oid, paths] of pathsOf) {
      const size = sizes.value.get(oid);
      for (const path of paths) {
        if (size !== undefined && size <= options.maxFileSize) await runner.add({ root: repoRoot, path, source: 'staged', oid, gitDir: repository.gitDir, size });
        else notRead(path, oid, size);
      }
    }
  } else {
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
      for (const path of pathsOf.get(oids[index]!)!) {
        if (bytes) await runner.add({ root: repoRoot, path, source: 'staged', oid: oids[index]!, bytes });
        else notRead(path, oids[index]!, undefined);
      }
    }
  }
  await runner.finish();
  stopCapping();
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
