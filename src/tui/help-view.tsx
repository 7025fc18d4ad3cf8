import { Box, Text } from 'ink';
import { helpLines } from './keys.js';
import { THEME } from './theme.js';

/** The key help, generated from the key table. */
export function HelpView({ height = Infinity, top = 0 }: { height?: number; top?: number }) {
  const all = helpLines();
  const width = Math.max(...all.map((r) => r.keys.length));
  // On a short screen, the keys that fit between the heading and the closing line, from `top` (j/k scroll).
  const visible = Math.max(height - 2, 1);
  const start = Math.min(top, Math.max(all.length - visible, 0));
  const rows = all.slice(start, start + visible);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        Keys{rows.length < all.length ? ` ${start + 1}-${start + rows.length} of ${all.length} (j/k scroll)` : ''}
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
