import type { ScanResult } from '../model/result.js';
import { LinesView } from './lines-view.js';
import { summaryLines } from './summary.js';

/** The verdict line, suppressions with their sources, and what was skipped. */
export function VerdictView({ result }: { result: ScanResult }) {
  return <LinesView lines={summaryLines(result)} />;
}
