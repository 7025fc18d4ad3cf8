import { Box, Text } from 'ink';
import { useEffect, type Dispatch } from 'react';
import { findingPane, type Marks } from './findings-lines.js';
import { visibleLines } from './line.js';
import { LinesView } from './lines-view.js';
import { planPane } from './plan-lines.js';
import { PANES, type Pane, type TuiAction, type TuiState } from './state.js';
import { THEME } from './theme.js';

const PANE_TITLE = { findings: 'Findings', plan: 'Mount plan' } as const satisfies Record<Pane, string>;
/** On a narrow terminal: the tab bar must stay one row, or the frame outgrows the screen. */
const SHORT_TITLE = { findings: 'Findings', plan: 'Plan' } as const satisfies Record<Pane, string>;

/** The user's decisions, as the findings pane marks them. */
function marksOf(state: TuiState): Marks {
  const decisions = state.triage.decisions;
  const accepted = new Set(decisions?.accepted.map((a) => a.fingerprint));
  const choices = new Map(decisions?.choices.map((c) => [c.path, c.choice]));
  return { acceptedBy: (f) => (accepted.has(f.fingerprint) ? decisions?.allowlistFile : undefined), choiceOf: (file) => choices.get(file) };
}

/** The tab bar and the focused pane (findings or mount plan), scrolled to keep the cursor in view. */
export function WorkView({ state, width, height, dispatch }: { state: TuiState; width: number; height: number; dispatch: Dispatch<TuiAction> }) {
  useEffect(() => dispatch({ type: 'resize', pageSize: height - 1 }), [height]);
  // Every finding listed, accepted ones too (the verdict line counts what is suppressed).
  const counts = { findings: state.base?.findings.length ?? 0, plan: state.plan?.mounts.length ?? 0 } satisfies Record<Pane, number>;
  // Only the lines on screen are made; the window keeps an expanded finding's details in view below it where they fit.
  const pane =
    state.pane === 'findings'
      ? findingPane(state.rows, state.expanded, state.cursor.findings, width, marksOf(state))
      : planPane(state.plan, state.cursor.plan, state.pendingRw !== undefined);
  const tabs = PANES.map((pane) => ` ${PANE_TITLE[pane]} (${counts[pane]}) `);
  const titles = tabs.join('').length <= width ? tabs : PANES.map((pane) => ` ${SHORT_TITLE[pane]} ${counts[pane]} `);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {PANES.map((pane, i) => (
          <Text key={pane} bold={pane === state.pane} color={pane === state.pane ? THEME.accent : THEME.muted} underline={pane === state.pane}>
            {titles[i]}
          </Text>
        ))}
      </Text>
      <LinesView lines={visibleLines(pane, height)} />
    </Box>
  );
}
