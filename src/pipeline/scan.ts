import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import { hasGit } from '../git/git-process.js';
import { addTally, emptyTally, type ContentTally } from '../model/contents.js';
import type { Exclusion, Skipped } from '../model/finding.js';
import { ok, type Outcome } from '../model/outcome.js';
import type { ExcludedPath, GitDirectoryReport, HistoryStats, ScanResult, ScanStats } from '../model/result.js';
import type { DataConfig } from '../rules/data-config.js';
import type { Allowlist, Collected } from '../verdict/suppress.js';
import { fromCommandLine, fromDefaults, fromIgnoreFile, fromOwnCache } from '../walk/exclusions.js';
import { walkRoot, type FileEntry, type WalkLog } from '../walk/walk.js';
import { VERSION } from '../model/version.js';
import { cacheDirectory, cacheFolderFor, type CacheFolder } from './cache-dir.js';
import { pruneCacheWhenDue } from './cache-prune.js';
import { setupIdentity } from './engine-setup.js';
import { openScanCache, scanCacheKey } from './scan-cache.js';
import { skippedOf, type FileReport } from './scan-file-task.js';
import { readFolderAllowlist } from './allowlists.js';
import { readUserDecisions } from './user-decisions.js';
import { adviseContainerFiles, isContainerFile } from './container-advice.js';
import { collect, symlinkEscapeFinding } from './findings.js';
import { finishScan } from './finish.js';
import { createFindingInterner } from './intern.js';
import { capYoungGeneration } from './heap-limits.js';
import { checkRoots, prepareEngine, unsafeRuleNotices, type Engine } from './prepare.js';
import { historyStateMemory } from './history-state.js';
import { createListingQueue, type QueuedListing } from './listing-queue.js';
import { historyKey, listHistory, noteHistoryReport, queueHistory, RAW_TRACKED_CHARS, settleHistory, traceHistory, trackedAmong, type GitDirectory, type HistoryRun, type QueuedHistory, type TrackedBudget } from './scan-history.js';
import { createTaskRunner, DEFAULT_FILE_TIMEOUT_MS } from './task-runner.js';

/** Walked files whose cached results are looked up together. */
const LOOKUP_BATCH = 256;

export interface ScanOptions {
  roots: string[];
  ruleDirs: string[];
  excludes: string[];
  maxFileSize: number;
  showSecrets: boolean;
  /** Scan the object database of every `.git` under a root (default on). */
  history: boolean;
  /** Worker threads; 1 scans on the main thread. */
  jobs?: number;
  /** Reuse results for files unchanged since the last scan (never with showSecrets). */
  useCache?: boolean;
  /** Allowlists the user named on the command line. */
  allowlists?: Allowlist[];
  /** Obey no exclusion, allowlist or allow comment found inside a scanned folder. */
  refuseFolderConfig?: boolean;
  /** The user's config folder, whose decisions (accepted findings, plan choices) apply; none when undefined (`--no-user-config`). */
  userConfigDir?: string;
  /** Called as files are done (at most every 100 ms): for progress displays. */
  onProgress?: (progress: ScanProgress) => void;
  /** Per-file time budget; a file over it is skipped (`timeout`). Default 10 s. */
  fileTimeoutMs?: number;
  /** The `data` section of the user's configuration (`--config`). */
  data?: DataConfig;
  /** Exclusions a command adds by default (gitignore globs), reported under their own name. */
  defaultExclusions?: { by: string; globs: string[] }[];
}

export interface ScanProgress {
  files: number;
  /** Blobs of git history read so far (the files count stands still while history is read). */
  historyBlobs?: number;
  bytes: number;
  elapsedMs: number;
}

const PROGRESS_INTERVAL_MS = 100;

/** `<dir>/HEAD` beside an `objects` folder marks a git directory (`.git`, bare, or a submodule's). */
function gitDirectoryOf(absolutePath: string): string | undefined {
  if (basename(absolutePath) !== 'HEAD') return undefined;
  try {
    return statSync(join(dirname(absolutePath), 'objects')).isDirectory() ? dirname(absolutePath) : undefined;
  } catch {
    return undefined;
  }
}

/** Blobs accounted for, read from git, and taken from the cache, over every repository. */
function historyStats(runs: Map<string, HistoryRun>): HistoryStats {
  const totals = { blobs: 0, read: 0, reused: 0 };
  for (const run of runs.values()) {
    totals.blobs += run.state.blobs;
    totals.read += run.read;
    totals.reused += run.reused;
  }
  return totals;
}

/** Walks every root, scans every file (and git history), decides the verdict. */
export async function scan(options: ScanOptions): Promise<Outcome<ScanResult>> {
  const started = performance.now();
  const stopCapping = capYoungGeneration();
  try {
    const roots = await checkRoots(options.roots);
    if (!roots.ok) return roots;
    const cacheFolder = cacheFolderFor(roots.value);
    const engine = await prepareEngine(options.ruleDirs, cacheFolder, options.data);
    if (!engine.ok) return engine;
    return await scanRoots(options, roots.value, engine.value, cacheFolder, started);
  } finally {
    stopCapping();
  }
}

async function scanRoots(options: ScanOptions, roots: string[], engine: Engine, cacheFolder: CacheFolder | undefined, started: number): Promise<Outcome<ScanResult>> {
  const collected: Collected[] = [];
  const historyFound = new Map<string, { entry: Collected; oid: string }[]>();
  const historySkipped = new Map<string, Skipped[]>();
  const skipped: Skipped[] = [];
  const excluded: Exclusion[] = [];
  const notices: string[] = unsafeRuleNotices(engine);
  const stats: ScanStats = { files: 0, bytes: 0, durationMs: 0, inside: emptyTally() };
  const rulesKey = scanCacheKey([VERSION, setupIdentity(engine.setup), options.maxFileSize]);
  const cache = cacheFolder && options.useCache !== false && !options.showSecrets ? openScanCache(cacheFolder, roots, rulesKey) : undefined;
  const historyMemory = (gitDir: string) => (cache && cacheFolder ? historyStateMemory(cacheFolder, gitDir, rulesKey) : undefined);
  const historyRuns = new Map<string, HistoryRun>();
  let lastProgress = 0;
  let historyBlobs = 0;
  const intern = createFindingInterner();
  const record = (report: FileReport, isFromCache = false) => {
    const { task, findings: found, bytes, inside } = report;
    for (const f of found) {
      intern(f);
      if (f.path === task.path) f.path = task.path; // one copy of the path for all of a file's findings
    }
    const now = performance.now();
    if (options.onProgress && now - lastProgress >= PROGRESS_INTERVAL_MS) {
      lastProgress = now;
      options.onProgress({ files: stats.files, historyBlobs, bytes: stats.bytes, elapsedMs: now - started });
    }
    if (!isFromCache) cache?.store(task.source === 'file' ? task.absolutePath! : historyKey(task.gitDir!, task.oid!, task.path), report);
    stats.bytes += bytes;
    for (const entry of skippedOf(report, task.root)) {
      skipped.push(entry);
      if (task.source === 'git-history') historySkipped.get(task.gitDir!)?.push(entry);
    }
    if (inside) addTally(stats.inside!, inside);
    if (task.source === 'file') {
      stats.files++;
      for (const f of found) collected.push(collect(f, task.root, 'file'));
      return;
    }
    historyBlobs++;
    const run = historyRuns.get(task.gitDir!);
    noteHistoryReport(run, report);
    if (found.length > 0) {
      const list = historyFound.get(task.gitDir!) ?? [];
      for (const f of found) list.push({ entry: collect(f, task.root, 'git-history'), oid: task.oid! });
      historyFound.set(task.gitDir!, list);
    }
    if (run && !isFromCache) {
      run.pending--;
      if (run.pending === 0) settle(task.gitDir!);
    }
  };
  // Histories whose blobs are all queued, not yet all reported. Once they are, a history keeps
  // only what the end of the scan needs, and its state is remembered.
  const unsettled = new Map<string, QueuedHistory>();
  const rawTracked: TrackedBudget = { charsLeft: RAW_TRACKED_CHARS };
  const settle = (gitDir: string) => {
    const history = unsettled.get(gitDir);
    const run = historyRuns.get(gitDir);
    if (!history || !run) return;
    unsettled.delete(gitDir);
    settleHistory(history, run, (historyFound.get(gitDir) ?? []).map((f) => f.oid), rawTracked, cache?.historyIntroductions(gitDir));
    if (run.isSaveable && !run.isUnchanged) historyMemory(gitDir)?.remember(run.state);
    run.state.workTree = '';
  };
  const runner = createTaskRunner(
    engine.ruleSet,
    engine.setup,
    {
      maxFileSize: options.maxFileSize,
      showSecrets: options.showSecrets,
      jobs: Math.max(1, options.jobs ?? availableParallelism()),
      fileTimeoutMs: options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS,
      isMainThreadSafe: engine.unsafeRules.length === 0,
    },
    record,
  );

  const gitDirectories: GitDirectory[] = [];
  // Histories are listed from the moment the walk sees their .git, a bounded way ahead of the queueing (listing-queue.ts).
  const listings = new Map<string, QueuedListing>();
  const listInTurn = createListingQueue((directory) => listHistory(directory, historyMemory(directory.gitDir)));
  const excludedPaths: ExcludedPath[] = [];
  const containerFiles: FileEntry[] = [];
  const allowlists = [...(options.allowlists ?? [])];
  for (const root of roots) {
    const folderExclusions = fromIgnoreFile(root);
    const folderAllowlists = readFolderAllowlist(root, notices);
    if (options.refuseFolderConfig) {
      for (const source of [...folderExclusions, ...folderAllowlists]) notices.push(`--no-folder-config: ${source.by} not applied`);
    } else allowlists.push(...folderAllowlists);
    const exclusions = [...fromOwnCache(root, cacheDirectory()), ...fromDefaults(options.defaultExclusions ?? []), ...fromCommandLine(options.excludes), ...(options.refuseFolderConfig ? [] : folderExclusions)];
    const log: WalkLog = { skipped, escapes: [] };
    // Walked entries wait in small batches so the cache can look at their files in parallel.
    let waiting: FileEntry[] = [];
    const settle = async () => {
      const entries = waiting;
      waiting = [];
      const cached = cache ? await cache.lookupFiles(entries.map((e) => e.absolutePath)) : [];
      for (const [i, entry] of entries.entries()) {
        const earlier = cached[i];
        if (earlier) record({ task: { ...entry, source: 'file' }, ...earlier }, true);
        else await runner.add({ ...entry, source: 'file' });
      }
    };
    for await (const folderFiles of walkRoot(root, exclusions, log)) {
      for (const entry of folderFiles) {
        waiting.push(entry);
        if (isContainerFile(entry)) containerFiles.push(entry);
        if (waiting.length >= LOOKUP_BATCH) await settle();
        const gitDir = gitDirectoryOf(entry.absolutePath);
        if (gitDir) {
          gitDirectories.push({ root, gitDir });
          if (options.history && hasGit()) listings.set(gitDir, listInTurn({ root, gitDir }));
        }
      }
    }
    await settle();
    for (const escape of log.escapes) collected.push({ finding: symlinkEscapeFinding(escape.root, escape.path, escape.target) });
    for (const source of exclusions) if (source.count > 0) excluded.push({ root, by: source.by, entries: source.count });
    for (const source of exclusions) for (const path of source.paths ?? []) excludedPaths.push({ root, path, by: source.by });
  }

  // The mount plan needs every git directory and what its history held (or that it was not read).
  const reports = new Map<string, GitDirectoryReport>();
  for (const { root, gitDir } of gitDirectories) {
    const path = relative(root, gitDir).split(sep).join('/');
    reports.set(gitDir, { root, path, history: options.history ? 'scanned' : 'not-scanned', findings: [], skipped: [], tracked: [] });
    historySkipped.set(gitDir, reports.get(gitDir)!.skipped);
  }

  const tally = (blobs: number, bytes: number, inside: ContentTally) => {
    historyBlobs += blobs;
    stats.bytes += bytes;
    addTally(stats.inside!, inside);
  };
  const histories: QueuedHistory[] = [];
  if (!options.history) {
    // Nothing to read: the reports say `not-scanned`.
  } else if (gitDirectories.length > 0 && !hasGit()) {
    notices.push('git is not installed: the history inside .git folders was not scanned (files were)');
    for (const { root, gitDir } of gitDirectories) {
      skipped.push({ root, path: gitDir.slice(root.length + 1) || '.', reason: 'unreadable', detail: 'history not scanned: git is not installed' });
      reports.get(gitDir)!.history = 'not-scanned';
    }
  } else {
    for (const directory of gitDirectories) {
      // Skips found while listing go to the directory's report first (they are history paths, not files).
      const own = historySkipped.get(directory.gitDir)!;
      const before = own.length;
      const skippedBefore = skipped.length;
      const { listing, taken } = listings.get(directory.gitDir) ?? listInTurn(directory);
      listings.delete(directory.gitDir);
      const listed = await listing;
      taken(); // the next repository is listed while this one's blobs are queued
      const sinks = { runner, cache, reuse: (report: FileReport) => record(report, true), tally, runs: historyRuns };
      const history = await queueHistory(directory, listed, sinks, options.maxFileSize, own);
      histories.push(history);
      unsettled.set(directory.gitDir, history);
      if (historyRuns.get(directory.gitDir)?.pending === 0) settle(directory.gitDir);
      // Reports recorded meanwhile are in both lists already; a set of those, not a search of every skip per skip.
      const recorded = new Set(skipped.slice(skippedBefore));
      for (let i = before; i < own.length; i++) if (!recorded.has(own[i]!)) skipped.push(own[i]!);
    }
  }
  await runner.finish();
  // The workers are gone: the rules cache may be written now (a thread of its own, beside the tracing).
  const keepingRules = engine.keepRules?.();
  cache?.save();
  for (const gitDir of [...unsettled.keys()]) settle(gitDir); // every blob is reported by now
  if (historyRuns.size > 0) stats.history = historyStats(historyRuns);

  const withFindings = new Set(collected.filter((e) => e.finding.source === 'file').map((e) => `${e.finding.root}\0${e.finding.file ?? e.finding.path}`));
  for (const history of histories) {
    const traced = await traceHistory(history, historyFound.get(history.directory.gitDir) ?? [], cache?.historyIntroductions(history.directory.gitDir));
    historyFound.delete(history.directory.gitDir); // traced: the untraced copies can go before the next repository's
    for (const entry of traced) collected.push(entry); // not a spread: a history may hold more findings than a call takes arguments
    const report = reports.get(history.directory.gitDir)!;
    report.findings = traced.map((entry) => entry.finding);
    if (report.skipped.length > 0) report.history = 'incomplete';
    report.tracked = trackedAmong(history, (path) => withFindings.has(`${history.directory.root}\0${path}`));
  }
  await keepingRules;
  // After the last cache write (remembered commits included), so no file this scan uses goes.
  if (cacheFolder) pruneCacheWhenDue(cacheFolder);
  const gathered = { roots, collected, skipped, excluded, notices, stats, started };
  const decisions = options.userConfigDir === undefined ? undefined : readUserDecisions(options.userConfigDir, notices);
  const result = finishScan(gathered, { allowlists, refuseFolderConfig: options.refuseFolderConfig ?? false }, decisions);
  const advice = adviseContainerFiles(containerFiles);
  return ok({ ...result, gitDirectories: [...reports.values()], excludedPaths, ...(advice.length > 0 ? { advice } : {}) });
}
