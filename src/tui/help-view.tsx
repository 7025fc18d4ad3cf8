import { Box, Text } from 'ink';
import { helpLines } from './keys.js';
import { THEME } from './theme.js';

/** The key help, generated from the key table. */
export function HelpView() {
  const rows = helpLines();
  const width = Math.max(...rows.map((r) => r.keys.length));
  return (
    <Box flexDirection="column">
      <Text bold>Keys</Text>
      {rows.map((row) => (
        <Text key={row.keys} wrap="truncate-end">
          <Text color={THEME.accent}>{`  ${row.keys.padEnd(width)}  `}</Text>
          {row.help}
        </Text>
      ))}
      <Text color={THEME.muted}>Press ? or Esc to close.</Text>
    </Box>
  );
}
