import { basename } from 'node:path';
import { matchPath, rulesForPath, scanContent, type EngineOptions } from '../engine/scan-file.js';
import type { RuleSet } from '../engine/rule-set.js';
import type { FileFinding, FindingSource, SkipReason } from '../model/finding.js';
import { readFileSafely, type FileIdentity } from './read-file.js';

/** One unit of content to scan: a file on disk, or bytes already read (a git blob). */
export interface FileTask {
  root: string;
  path: string;
  source: FindingSource;
  absolutePath?: string;
  bytes?: Uint8Array;
  /** For blobs: the object id and its git directory, so findings can be traced to a commit. */
  oid?: string;
  gitDir?: string;
}

export interface FileReport {
  task: Omit<FileTask, 'bytes'>;
  findings: FileFinding[];
  bytes: number;
  skip?: { reason: SkipReason; detail: string };
  /** For files on disk: what the cache keys this result by. */
  identity?: FileIdentity;
}

/** A report without its task: what a worker sends back (the pool knows which task it was). */
export type FileResult = Omit<FileReport, 'task'>;

export interface TaskOptions extends EngineOptions {
  maxFileSize: number;
}

function readTask(task: FileTask, maxFileSize: number) {
  if (task.bytes) return { ok: true as const, bytes: task.bytes, identity: undefined, isBinary: undefined };
  return readFileSafely(task.absolutePath!, maxFileSize);
}

/** Path rules from the path alone, then content rules on the bytes, if they can be read. */
export async function scanFileTask(ruleSet: RuleSet, task: FileTask, options: TaskOptions): Promise<FileReport> {
  const { bytes: _bytes, ...about } = task;
  const rootName = basename(task.root);
  // Which path rules apply is decided once, for both the path and the content step.
  const applicable = rulesForPath(ruleSet, task.path, rootName);
  const byPath = matchPath(ruleSet, task.path, rootName, applicable);
  const read = readTask(task, options.maxFileSize);
  const { identity } = read;
  if (!read.ok) return { task: about, findings: byPath, bytes: 0, skip: { reason: read.reason, detail: read.detail }, identity };
  try {
    const byContent = await scanContent(ruleSet, task.path, read.bytes, options, rootName, applicable);
    // A binary file counts whole in the scan's bytes, though only its start was read.
    const bytes = read.isBinary && identity ? identity[2] : read.bytes.length;
    return { task: about, findings: [...byPath, ...byContent], bytes, identity };
  } catch (error) {
    // A failed match is not cached: the next scan tries again.
    const detail = `matching failed: ${(error as Error).message.split('\n')[0]}`;
    return { task: about, findings: byPath, bytes: read.bytes.length, skip: { reason: 'match-error', detail } };
  }
}
