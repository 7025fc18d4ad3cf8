import { basename } from 'node:path';
import { matchPath } from '../engine/scan-file.js';
import type { RuleSet } from '../engine/rule-set.js';
import type { Unfinished } from './progress.js';
import type { FileReport, FileTask } from './scan-file-task.js';

/**
 * The report of a file whose content scan was given up (too slow, or its worker died): the
 * path rules still apply, since they need no content; the content is listed as not scanned.
 */
export function unfinishedReport(ruleSet: RuleSet, task: FileTask, unfinished: Unfinished): FileReport {
  const { bytes: _bytes, ...about } = task;
  return { task: about, findings: matchPath(ruleSet, task.path, basename(task.root)), bytes: 0, skip: unfinished };
}
