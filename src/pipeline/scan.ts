import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { hasGit } from '../git/git-process.js';
import type { Exclusion, Finding, Skipped } from '../model/finding.js';
import { ok, type Outcome } from '../model/outcome.js';
import type { ScanResult } from '../model/result.js';
import { decideVerdict, isScanComplete } from '../verdict/decide.js';
import { fromCommandLine, fromIgnoreFile } from '../walk/exclusions.js';
import { walkRoot, type WalkLog } from '../walk/walk.js';
import { VERSION } from '../model/version.js';
import { cacheDirectory, isCacheWritable } from './cache-dir.js';
import { openScanCache, scanCacheKey } from './scan-cache.js';
import type { FileReport } from './scan-file-task.js';
import { sortFindings, symlinkEscapeFinding, toFinding } from './findings.js';
import { checkRoots, prepareEngine, unsafeRuleNotices } from './prepare.js';
import { historyKey, queueHistory, traceHistory, type GitDirectory, type QueuedHistory } from './scan-history.js';
import { createTaskRunner, DEFAULT_FILE_TIMEOUT_MS } from './task-runner.js';

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
  /** Per-file time budget; a file over it is skipped (`timeout`). Default 10 s. */
  fileTimeoutMs?: number;
}

/** `<dir>/HEAD` beside an `objects` folder marks a git directory (`.git`, bare, or a submodule's). */
function gitDirectoryOf(absolutePath: string): string | undefined {
  if (basename(absolutePath) !== 'HEAD') return undefined;
  try {
    return statSync(join(dirname(absolutePath), 'objects')).isDirectory() ? dirname(absolutePath) : undefined;
  } catch {
    return undefined;
  }
}

/** Walks every root, scans every file (and git history), decides the verdict. */
export async function scan(options: ScanOptions): Promise<Outcome<ScanResult>> {
  const started = performance.now();
  const roots = await checkRoots(options.roots);
  if (!roots.ok) return roots;
  const engine = await prepareEngine(options.ruleDirs, roots.value);
  if (!engine.ok) return engine;

  const findings: Finding[] = [];
  const historyFound = new Map<string, { finding: Finding; oid: string }[]>();
  const skipped: Skipped[] = [];
  const excluded: Exclusion[] = [];
  const notices: string[] = unsafeRuleNotices(engine.value);
  const stats = { files: 0, bytes: 0, durationMs: 0 };
  const cacheDir = options.useCache !== false && !options.showSecrets ? cacheDirectory() : undefined;
  const cache = cacheDir
    ? openScanCache(cacheDir, roots.value, scanCacheKey([VERSION, engine.value.setup, options.maxFileSize]), isCacheWritable(cacheDir, roots.value))
    : undefined;
  const record = (report: FileReport, isFromCache = false) => {
    const { task, findings: found, bytes, skip } = report;
    if (!isFromCache) cache?.store(task.source === 'file' ? task.absolutePath! : historyKey(task.gitDir!, task.oid!, task.path), report);
    stats.bytes += bytes;
    if (skip) skipped.push({ root: task.root, path: task.path, ...skip });
    if (task.source === 'file') {
      stats.files++;
      for (const f of found) findings.push(toFinding(f, task.root, 'file'));
      return;
    }
    if (found.length === 0) return;
    const list = historyFound.get(task.gitDir!) ?? [];
    for (const f of found) list.push({ finding: toFinding(f, task.root, 'git-history'), oid: task.oid! });
    historyFound.set(task.gitDir!, list);
  };
  const runner = createTaskRunner(
    engine.value.ruleSet,
    engine.value.setup,
    {
      maxFileSize: options.maxFileSize,
      showSecrets: options.showSecrets,
      jobs: Math.max(1, options.jobs ?? availableParallelism()),
      fileTimeoutMs: options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS,
      isMainThreadSafe: engine.value.unsafeRules.length === 0,
    },
    record,
  );

  const gitDirectories: GitDirectory[] = [];
  for (const root of roots.value) {
    const exclusions = [...fromCommandLine(options.excludes), ...fromIgnoreFile(root)];
    const log: WalkLog = { skipped, escapes: [] };
    for await (const entry of walkRoot(root, exclusions, log)) {
      const cached = cache?.lookupFile(entry.absolutePath);
      if (cached) record({ task: { ...entry, source: 'file' }, ...cached }, true);
      else await runner.add({ ...entry, source: 'file' });
      const gitDir = options.history ? gitDirectoryOf(entry.absolutePath) : undefined;
      if (gitDir) gitDirectories.push({ root, gitDir });
    }
    for (const escape of log.escapes) findings.push(symlinkEscapeFinding(escape.root, escape.path, escape.target));
    for (const source of exclusions) if (source.count > 0) excluded.push({ root, by: source.by, entries: source.count });
  }

  const histories: QueuedHistory[] = [];
  if (gitDirectories.length > 0 && !hasGit()) {
    notices.push('git is not installed: the history inside .git folders was not scanned (files were)');
    for (const { root, gitDir } of gitDirectories) {
      skipped.push({ root, path: gitDir.slice(root.length + 1) || '.', reason: 'unreadable', detail: 'history not scanned: git is not installed' });
    }
  } else {
    for (const directory of gitDirectories) histories.push(await queueHistory(directory, { runner, cache, reuse: (report) => record(report, true) }, options.maxFileSize, skipped));
  }
  await runner.finish();
  cache?.save();

  for (const history of histories) {
    findings.push(...traceHistory(history, historyFound.get(history.directory.gitDir) ?? []));
  }

  stats.durationMs = Math.round(performance.now() - started);
  return ok({
    verdict: decideVerdict(findings),
    isComplete: isScanComplete(skipped),
    roots: roots.value,
    findings: sortFindings(findings),
    suppressed: [],
    skipped,
    excluded,
    notices,
    stats,
  });
}
