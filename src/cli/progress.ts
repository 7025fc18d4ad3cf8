import type { ScanProgress } from '../pipeline/scan.js';
import { formatCount } from '../report/numbers.js';

/**
 * A one-line progress display on stderr (files, bytes, rate), redrawn in place. Only for a
 * terminal: a pipe or a CI log gets nothing.
 */
export function createProgressLine(write: (text: string) => void) {
  let isShown = false;
  return {
    update({ files, bytes, elapsedMs }: ScanProgress) {
      const seconds = Math.max(elapsedMs / 1000, 0.001);
      const megabytes = bytes / (1024 * 1024);
      const line = `scanning: ${formatCount(files)} files, ${megabytes.toFixed(0)} MB, ${(files / seconds).toFixed(0)} files/s, ${(megabytes / seconds).toFixed(0)} MB/s`;
      write(`\r\x1b[2K${line}`);
      isShown = true;
    },
    clear() {
      if (isShown) write('\r\x1b[2K');
      isShown = false;
    },
  };
}
