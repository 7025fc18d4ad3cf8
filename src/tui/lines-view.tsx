import { Box, Text } from 'ink';
import type { Line } from './line.js';
import { THEME } from './theme.js';

/** Draws lines, one terminal row each (longer ones are cut, never wrapped), the selected one inverted. */
export function LinesView({ lines }: { lines: readonly Line[] }) {
  return (
    <Box flexDirection="column">
      {lines.map((line) => (
        <Text key={line.key} wrap="truncate-end" inverse={line.isSelected ?? false}>
          {line.segments.length === 0 ? ' ' : line.segments.map((s, i) => (
            <Text key={i} color={THEME[s.tone ?? 'plain']} bold={s.isBold ?? false}>
              {s.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
