import type { ScanResult } from '../model/result.js';
import { LinesView } from './lines-view.js';
import { summaryLines } from './summary.js';

/** The verdict line, suppressions with their sources, and what was skipped: the first `count` of them, for `width` columns. */
export function VerdictView({ result, width, count }: { result: ScanResult; width?: number; count?: number }) {
  return <LinesView lines={summaryLines(result, width).slice(0, count)} />;
}
