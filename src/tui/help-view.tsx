import { Box, Text } from 'ink';
import { helpLines } from './keys.js';
import { THEME } from './theme.js';

/** The key help, generated from the key table. */
export function HelpView({ height = Infinity }: { height?: number }) {
  const all = helpLines();
  const width = Math.max(...all.map((r) => r.keys.length));
  // On a short screen, the keys that fit between the heading and the closing line.
  const rows = all.slice(0, Math.max(height - 2, 1));
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        Keys{rows.length < all.length ? ` (${rows.length} of ${all.length}: make the terminal taller for all)` : ''}
      </Text>
      {rows.map((row) => (
        <Text key={row.keys} wrap="truncate-end">
          <Text color={THEME.accent}>{`  ${row.keys.padEnd(width)}  `}</Text>
          {row.help}
        </Text>
      ))}
      <Text color={THEME.muted} wrap="truncate-end">
        Press ? or Esc to close.
      </Text>
    </Box>
  );
}
