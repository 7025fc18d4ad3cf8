import { Box, Text } from 'ink';
import { TARGET_SPECS, TARGETS } from '../mount/targets.js';
import { windowStart } from './line.js';
import { THEME } from './theme.js';

/** The export targets (the closed set from `airlock plan --target`), one highlighted. */
export function TargetList({ cursor, height }: { cursor: number; height: number }) {
  // The heading takes the tab bar's row; the list scrolls to keep the cursor in view.
  const start = windowStart(TARGETS.length, cursor, height);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        Export the mount plan for (Enter: print it and exit, Esc: back):
      </Text>
      {TARGETS.slice(start, start + height).map((target, i) => (
        <Text key={target} wrap="truncate-end" inverse={start + i === cursor}>
          <Text color={THEME.accent}>{`  ${target.padEnd(14)}`}</Text>
          {TARGET_SPECS[target].help}
        </Text>
      ))}
    </Box>
  );
}
