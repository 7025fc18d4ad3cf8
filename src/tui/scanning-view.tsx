import { Box, Text } from 'ink';
import type { ScanProgress } from '../pipeline/scan.js';
import { escapeForTerminal as safe } from '../report/escape.js';
import { formatBytes, formatCount } from '../report/numbers.js';
import { THEME } from './theme.js';

/**
 * Files, history blobs once history is read, bytes and the byte rate: while history is read the
 * file count stands still, and a files/s rate would fall towards 0 as if the scan had stalled.
 */
export function progressText(progress: ScanProgress, seconds: number): string {
  const blobs = progress.historyBlobs ? ` · ${formatCount(progress.historyBlobs)} history blobs` : '';
  return `${formatCount(progress.files)} files${blobs} · ${formatBytes(progress.bytes)} · ${formatBytes(progress.bytes / seconds)}/s`;
}

/** While the scan runs: what is scanned, and how far it got. */
export function ScanningView({ roots, progress }: { roots: readonly string[]; progress: ScanProgress }) {
  const seconds = Math.max(progress.elapsedMs / 1000, 0.001);
  return (
    <Box flexDirection="column">
      <Text color={THEME.accent} bold>
        Scanning…
      </Text>
      {roots.map((root) => (
        <Text key={root} wrap="truncate-end">
          {'  '}
          {safe(root)}
        </Text>
      ))}
      <Text wrap="truncate-end">{progressText(progress, seconds)}</Text>
    </Box>
  );
}
