import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { createRuleSet } from '../engine/rule-set.js';
import { fingerprint } from '../engine/mask.js';
import { CATEGORY_REMEDIATION } from '../model/categories.js';
import type { Exclusion, FileFinding, Finding, Skipped } from '../model/finding.js';
import { fail, ok, type Outcome } from '../model/outcome.js';
import type { ScanResult } from '../model/result.js';
import { compileRules } from '../rules/compile.js';
import { BUILTIN_RULES_DIR, loadRules } from '../rules/load.js';
import { decideVerdict, isScanComplete } from '../verdict/decide.js';
import { fromCommandLine, fromIgnoreFile } from '../walk/exclusions.js';
import { walkRoot, type FileEntry, type WalkLog } from '../walk/walk.js';
import type { EngineSetup } from './engine-setup.js';
import { createPool } from './pool.js';
import { scanFileTask, type FileReport, type TaskOptions } from './scan-file-task.js';

export interface ScanOptions {
  roots: string[];
  ruleDirs: string[];
  excludes: string[];
  maxFileSize: number;
  showSecrets: boolean;
  /** Worker threads; 1 scans on the main thread. */
  jobs?: number;
}

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
const BATCH_SIZE = 64;
/** Below this many files, starting workers costs more than it saves. */
const IN_PROCESS_LIMIT = 256;

async function checkRoots(roots: string[]): Promise<Outcome<string[]>> {
  const errors: string[] = [];
  for (const root of roots) {
    try {
      if (!(await stat(root)).isDirectory()) errors.push(`${root}: not a folder`);
    } catch (error) {
      errors.push(`${root}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (error as Error).message}`);
    }
  }
  return errors.length > 0 ? fail(...errors) : ok(roots);
}

/** Puts a file's finding in contract order, with its root and source. */
function attachRoot(f: FileFinding, root: string): Finding {
  const { ruleId, category, severity, path, line, column, secret, fingerprint: print, message, remediation } = f;
  return { ruleId, category, severity, root, path, line, column, source: 'file', secret, fingerprint: print, message, remediation };
}

function escapeFinding(root: string, path: string, target: string): Finding {
  return {
    ruleId: 'symlink-escape',
    category: 'symlink-escape',
    severity: 'review',
    root,
    path,
    source: 'file',
    fingerprint: fingerprint('symlink-escape', `path:${path}`),
    message: `Link leaves the folder: it points to ${target}, which the sandbox may be able to read through it`,
    remediation: CATEGORY_REMEDIATION['symlink-escape'],
  };
}

/** Walks every root, scans every file, decides the verdict. Expected failures come back as errors. */
export async function scan(options: ScanOptions): Promise<Outcome<ScanResult>> {
  const started = performance.now();
  const roots = await checkRoots(options.roots.map((r) => resolve(r)));
  if (!roots.ok) return roots;
  const definitions = loadRules([BUILTIN_RULES_DIR, ...options.ruleDirs]);
  if (!definitions.ok) return definitions;
  const compiled = compileRules(definitions.value);
  if (!compiled.ok) return compiled;

  const setup: EngineSetup = { definitions: definitions.value, useSecretlint: true };
  const taskOptions: TaskOptions = { maxFileSize: options.maxFileSize, showSecrets: options.showSecrets };
  const ruleSet = createRuleSet(compiled.value, { useSecretlint: setup.useSecretlint });
  const jobs = Math.max(1, options.jobs ?? availableParallelism());

  const findings: Finding[] = [];
  const skipped: Skipped[] = [];
  const excluded: Exclusion[] = [];
  const stats = { files: 0, bytes: 0, durationMs: 0 };
  const record = (reports: FileReport[]) => {
    for (const report of reports) {
      stats.files++;
      stats.bytes += report.bytes;
      for (const f of report.findings) findings.push(attachRoot(f, report.root));
      if (report.skip) skipped.push({ root: report.root, path: report.path, ...report.skip });
    }
  };

  let pool: ReturnType<typeof createPool> | undefined;
  let pending: FileEntry[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    if (pool) await pool.submit(batch);
    else for (const task of batch) record([await scanFileTask(ruleSet, task, taskOptions)]);
  };

  for (const root of roots.value) {
    const exclusions = [...fromCommandLine(options.excludes), ...fromIgnoreFile(root)];
    const log: WalkLog = { skipped, escapes: [] };
    for await (const entry of walkRoot(root, exclusions, log)) {
      pending.push(entry);
      if (!pool && jobs > 1 && pending.length >= IN_PROCESS_LIMIT) pool = createPool(jobs, setup, taskOptions, record);
      if (pool && pending.length >= BATCH_SIZE) await flush();
    }
    for (const escape of log.escapes) findings.push(escapeFinding(escape.root, escape.path, escape.target));
    for (const source of exclusions) if (source.count > 0) excluded.push({ root, by: source.by, entries: source.count });
  }
  await flush();
  await pool?.close();

  findings.sort((a, b) => a.root.localeCompare(b.root) || a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0));
  stats.durationMs = Math.round(performance.now() - started);
  return ok({
    verdict: decideVerdict(findings),
    isComplete: isScanComplete(skipped),
    roots: roots.value,
    findings,
    suppressed: [],
    skipped,
    excluded,
    stats,
  });
}
