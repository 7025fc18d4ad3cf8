import { Box, Text } from 'ink';
import type { ScanProgress } from '../pipeline/scan.js';
import { escapeForTerminal as safe } from '../report/escape.js';
import { formatBytes, formatCount } from '../report/numbers.js';
import { THEME } from './theme.js';

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
      <Text>
        {formatCount(progress.files)} files · {formatBytes(progress.bytes)} · {(progress.files / seconds).toFixed(0)} files/s
      </Text>
    </Box>
  );
}
