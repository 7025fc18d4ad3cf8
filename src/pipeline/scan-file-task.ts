import { matchPath, scanContent, type EngineOptions } from '../engine/scan-file.js';
import type { RuleSet } from '../engine/rule-set.js';
import type { FileFinding, SkipReason } from '../model/finding.js';
import { readFileSafely } from './read-file.js';

/** One file to scan: what crosses to a worker thread. */
export interface FileTask {
  root: string;
  path: string;
  absolutePath: string;
}

export interface FileReport {
  root: string;
  path: string;
  findings: FileFinding[];
  bytes: number;
  skip?: { reason: SkipReason; detail: string };
}

export interface TaskOptions extends EngineOptions {
  maxFileSize: number;
}

/** Path rules from the walk's path, then content rules on the bytes, if the file can be read. */
export async function scanFileTask(ruleSet: RuleSet, task: FileTask, options: TaskOptions): Promise<FileReport> {
  const byPath = matchPath(ruleSet, task.path);
  const read = readFileSafely(task.absolutePath, options.maxFileSize);
  if (!read.ok) return { root: task.root, path: task.path, findings: byPath, bytes: 0, skip: { reason: read.reason, detail: read.detail } };
  try {
    const byContent = await scanContent(ruleSet, task.path, read.bytes, options);
    return { root: task.root, path: task.path, findings: [...byPath, ...byContent], bytes: read.bytes.length };
  } catch (error) {
    const detail = `matching failed: ${(error as Error).message.split('\n')[0]}`;
    return { root: task.root, path: task.path, findings: byPath, bytes: read.bytes.length, skip: { reason: 'match-error', detail } };
  }
}
