import type { ScanProgress } from '../pipeline/scan.js';
import { formatCount } from '../report/numbers.js';

/** A redraw at least this often, so the line never looks stalled (a git listing or one large file can take seconds). */
const HEARTBEAT_MS = 1000;

function render({ files, historyBlobs, bytes, elapsedMs }: ScanProgress): string {
  const seconds = Math.max(elapsedMs / 1000, 0.001);
  const megabytes = bytes / (1024 * 1024);
  const blobs = historyBlobs ? `, ${formatCount(historyBlobs)} history blobs` : '';
  return `scanning: ${formatCount(files)} files${blobs}, ${megabytes.toFixed(0)} MB, ${(files / seconds).toFixed(0)} files/s, ${(megabytes / seconds).toFixed(0)} MB/s (${Math.floor(seconds)} s)`;
}

/**
 * A one-line progress display on stderr (files, history blobs, bytes, rate, time), redrawn in
 * place at every update and, between updates, every second with the time moved on. Only for a
 * terminal: a pipe or a CI log gets nothing.
 */
export function createProgressLine(write: (text: string) => void, heartbeatMs = HEARTBEAT_MS) {
  const started = performance.now();
  let isShown = false;
  let last: ScanProgress = { files: 0, bytes: 0, elapsedMs: 0 };
  let lastAt = started;
  const draw = (progress: ScanProgress) => {
    write(`\r\x1b[2K${render(progress)}`);
    isShown = true;
  };
  const heartbeat = setInterval(() => {
    const now = performance.now();
    if (now - lastAt >= heartbeatMs) draw({ ...last, elapsedMs: last.elapsedMs + now - lastAt });
  }, heartbeatMs);
  heartbeat.unref();
  return {
    update(progress: ScanProgress) {
      last = progress;
      lastAt = performance.now();
      draw(progress);
    },
    clear() {
      clearInterval(heartbeat);
      if (isShown) write('\r\x1b[2K');
      isShown = false;
    },
  };
}
