/**
 * The TUI's public surface, loaded by `cli` with a dynamic `import()` only, so commands that
 * never open it (`scan --staged` in a git hook) never load React or ink.
 */
export { runTui, type TuiOptions, type TuiOutcome } from './run-tui.js';
export { summaryText } from './summary.js';
