import { Box, Text } from 'ink';
import { TARGET_SPECS, TARGETS } from '../mount/targets.js';
import { THEME } from './theme.js';

/** The export targets (the closed set from `airlock plan --target`), one highlighted. */
export function TargetList({ cursor }: { cursor: number }) {
  return (
    <Box flexDirection="column">
      <Text bold>Export the mount plan for (Enter: print it and exit, Esc: back):</Text>
      {TARGETS.map((target, i) => (
        <Text key={target} wrap="truncate-end" inverse={i === cursor}>
          <Text color={THEME.accent}>{`  ${target.padEnd(14)}`}</Text>
          {TARGET_SPECS[target].help}
        </Text>
      ))}
    </Box>
  );
}
