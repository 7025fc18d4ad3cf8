import { Box, Text, useApp, useInput, useWindowSize } from 'ink';
import { useEffect, useReducer } from 'react';
import type { Outcome } from '../model/outcome.js';
import type { ScanResult } from '../model/result.js';
import type { Plan } from '../mount/plan.js';
import type { ScanProgress } from '../pipeline/scan.js';
import { escapeForTerminal as safe } from '../report/escape.js';
import { applyDecisions } from '../verdict/apply-decisions.js';
import { HelpView } from './help-view.js';
import { frameLayout } from './frame-layout.js';
import { commandFor, keyNamesOf } from './keys.js';
import { ScanningView } from './scanning-view.js';
import { summaryLines } from './summary.js';
import { initialState, reduce, type Pane, type TuiState } from './state.js';
import { TargetList } from './target-list.js';
import { THEME } from './theme.js';
import { VerdictView } from './verdict-view.js';
import { WorkView } from './work-view.js';
import type { Triage } from './triage.js';
import { useEditor, type Editor } from './use-editor.js';
import { useHomeCursor } from './use-home-cursor.js';
import { useSaveDecisions, type SaveDecisions } from './use-save-decisions.js';

/** The edges the app calls: scanning and planning do I/O, so they come from outside. */
export interface AppProps {
  roots: readonly string[];
  startScan: (onProgress: (progress: ScanProgress) => void) => Promise<Outcome<ScanResult>>;
  plan: (result: ScanResult, rw: readonly string[]) => Outcome<Plan>;
  /** Called once with the final state, when the user quits or exports. */
  onExit: (state: TuiState) => void;
  /** The user's decisions as read, and why they cannot be saved, if so. */
  triage?: Triage;
  save: SaveDecisions;
  editor: Editor;
}

/** The hint line for what has the keys: the findings, the plan, or the target list. */
const FOOTER = {
  findings: 'j/k move · Enter expand · a accept · i keep · x leave out · u undo · o edit · Tab plan · e export · ? help · q quit',
  plan: 'j/k move · w toggle ro/rw · i keep · x leave out · u undo · o edit · Tab findings · e export · ? help · q quit',
  targets: 'j/k ↑/↓ choose · Enter export and exit · Esc back · q quit',
} as const satisfies Record<Pane | 'targets', string>;

export function App({ roots, startScan, plan, onExit, triage, save, editor }: AppProps) {
  const [state, dispatch] = useReducer(reduce, roots, (r) => initialState(r, triage));
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  const home = useHomeCursor();
  useEffect(home, []);

  useEffect(() => {
    let isLive = true;
    startScan((progress) => isLive && dispatch({ type: 'progress', progress })).then(
      (result) => {
        if (!isLive) return;
        if (!result.ok) return dispatch({ type: 'scan-failed', errors: result.errors });
        const decided = triage?.decisions ? applyDecisions(result.value, triage.decisions) : result.value;
        dispatch({ type: 'scanned', result: result.value, plan: plan(decided, []) });
      },
      (error: unknown) => isLive && dispatch({ type: 'scan-failed', errors: [`internal error: ${(error as Error).message}`] }),
    );
    return () => {
      isLive = false;
    };
  }, []);

  useEffect(() => {
    if (state.pendingRw && state.result) dispatch({ type: 'planned', rw: state.pendingRw, plan: plan(state.result, state.pendingRw) });
  }, [state.pendingRw]);

  useSaveDecisions(state, dispatch, save);
  useEditor(state, dispatch, editor);

  useEffect(() => {
    if (!state.exit) return;
    onExit(state);
    exit();
  }, [state.exit]);

  useInput((input, key) => {
    for (const name of keyNamesOf(input, key)) {
      const command = commandFor(name);
      if (command) dispatch({ type: 'command', command });
    }
  });

  // The terminal's own width: a frame wider than the screen would wrap, row by row, and push the title off the top.
  const width = Math.max(columns, 1);
  const header = (
    <Text wrap="truncate-end">
      <Text color={THEME.accent} bold>
        airlock
      </Text>
      <Text color={THEME.muted}> · {roots.map((r) => safe(r)).join(', ')}</Text>
    </Text>
  );
  if (state.overlay === 'help') {
    return (
      <Box flexDirection="column" width={width}>
        {header}
        <HelpView height={Math.max(rows - 2, 1)} top={state.helpTop} />
      </Box>
    );
  }
  if (state.phase === 'scanning') {
    return (
      <Box flexDirection="column" width={width}>
        {header}
        <ScanningView roots={roots} progress={state.progress} />
        <Text color={THEME.muted} wrap="truncate-end">
          q quit · ? help
        </Text>
      </Box>
    );
  }
  if (state.phase === 'failed' || !state.result) {
    return (
      <Box flexDirection="column" width={width}>
        {header}
        <Text color={THEME.block} bold>
          The scan could not run:
        </Text>
        {state.errors.map((e) => (
          <Text key={e} wrap="truncate-end">
            {'  '}
            {safe(e)}
          </Text>
        ))}
        <Text color={THEME.muted}>q quit</Text>
      </Box>
    );
  }
  const layout = frameLayout(rows, summaryLines(state.result, width).length, (state.planError ?? state.status) !== undefined);
  return (
    <Box flexDirection="column" width={width}>
      {header}
      <VerdictView result={state.result} width={width} count={layout.summary} />
      {state.overlay === 'targets' ? (
        <TargetList cursor={state.targetCursor} height={layout.body} />
      ) : (
        <WorkView state={state} width={width} height={layout.body} dispatch={dispatch} />
      )}
      {(state.planError ?? state.status) !== undefined && layout.isStatusShown ? (
        <Text color={state.planError ? THEME.block : THEME.accent} wrap="truncate-end">
          {safe(state.planError ?? state.status ?? '')}
        </Text>
      ) : null}
      {layout.isFooterShown ? (
        <Text color={THEME.muted} wrap="truncate-end">
          {FOOTER[state.overlay === 'targets' ? 'targets' : state.pane]}
        </Text>
      ) : null}
    </Box>
  );
}
