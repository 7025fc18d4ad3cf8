/**
 * The TUI's key bindings: a closed set of named commands, each with its keys and the help
 * text `?` shows. The help screen is generated from this table, so a command cannot ship
 * without a description (test/tui/keys.test.ts checks each one has one).
 */

/** A key as the TUI names it: one printable character, or one of these special keys. */
export const SPECIAL_KEYS = ['up', 'down', 'pageup', 'pagedown', 'home', 'end', 'return', 'escape', 'tab'] as const;
export type SpecialKey = (typeof SPECIAL_KEYS)[number];
export type KeyName = SpecialKey | (string & {});

export interface KeyBinding {
  keys: readonly KeyName[];
  /** What the command does, for the help screen. */
  help: string;
}

export const COMMANDS = {
  up: { keys: ['up', 'k'], help: 'move up' },
  down: { keys: ['down', 'j'], help: 'move down' },
  pageUp: { keys: ['pageup'], help: 'move up one screen' },
  pageDown: { keys: ['pagedown'], help: 'move down one screen' },
  top: { keys: ['home', 'g'], help: 'go to the first line' },
  bottom: { keys: ['end', 'G'], help: 'go to the last line' },
  select: { keys: ['return'], help: 'expand or fold a finding; in the target list, export to that target' },
  switchPane: { keys: ['tab', 'p'], help: 'switch between the findings and the mount plan' },
  toggleMode: { keys: ['w'], help: 'mount plan: toggle the selected mount between read-only (ro) and read-write (rw)' },
  export: { keys: ['e'], help: 'export the mount plan: choose a target, then airlock prints it and exits' },
  accept: { keys: ['a'], help: 'accept the finding: suppressed in every scan from now on (saved in ~/.config/airlock/allowlist)' },
  keep: { keys: ['i'], help: 'keep the file in the mount plan despite findings to review (saved in ~/.config/airlock/plan-choices)' },
  leaveOut: { keys: ['x'], help: 'leave the file, or a folder of the plan, out of the mount plan (saved in ~/.config/airlock/plan-choices)' },
  undo: { keys: ['u'], help: "undo your decision here: un-accept the finding, or drop the file's keep or leave-out" },
  open: { keys: ['o'], help: "open the file in $VISUAL or $EDITOR at the finding's line" },
  cancel: { keys: ['escape'], help: 'close the help or the target list' },
  help: { keys: ['?'], help: 'show or hide this help' },
  quit: { keys: ['q'], help: 'quit; the exit code is the one `airlock scan` would give (see --fail-on)' },
} as const satisfies Record<string, KeyBinding>;

export type Command = keyof typeof COMMANDS;

/** The key shown for each special key in help. */
const KEY_LABELS = {
  up: '↑',
  down: '↓',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  return: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
} as const satisfies Record<SpecialKey, string>;

export const keyLabel = (key: KeyName): string => (Object.hasOwn(KEY_LABELS, key) ? KEY_LABELS[key as SpecialKey] : key);

/** Which command a key runs, if any. */
export function commandFor(key: KeyName): Command | undefined {
  for (const [command, binding] of Object.entries(COMMANDS) as [Command, KeyBinding][]) {
    if (binding.keys.includes(key)) return command;
  }
  return undefined;
}

/** What ink reports for a key press, as far as the TUI reads it. */
export interface InkKey {
  upArrow: boolean;
  downArrow: boolean;
  pageUp: boolean;
  pageDown: boolean;
  home?: boolean;
  end?: boolean;
  return: boolean;
  escape: boolean;
  tab: boolean;
  ctrl: boolean;
  meta: boolean;
}

/**
 * Names the keys ink reported: one special key, or each character typed (keys pressed
 * quickly can arrive as one chunk). None for keys with Ctrl or Alt, which the TUI does not bind.
 */
export function keyNamesOf(input: string, key: InkKey): KeyName[] {
  if (key.upArrow) return ['up'];
  if (key.downArrow) return ['down'];
  if (key.pageUp) return ['pageup'];
  if (key.pageDown) return ['pagedown'];
  if (key.home) return ['home'];
  if (key.end) return ['end'];
  if (key.return) return ['return'];
  if (key.escape) return ['escape'];
  if (key.tab) return ['tab'];
  if (key.ctrl || key.meta) return [];
  // ink splits no Enter or Tab out of a chunk: keys typed quickly (or by tmux) come as "jj\r".
  return [...input].map((c) => (c === '\r' ? 'return' : c === '\t' ? 'tab' : c));
}

/** The help screen's lines: keys, then what they do. */
export function helpLines(): { keys: string; help: string }[] {
  return (Object.values(COMMANDS) as KeyBinding[]).map((binding) => ({ keys: binding.keys.map(keyLabel).join(' '), help: binding.help }));
}

/** Commands whose help text is missing or says nothing (blank, or just the command's name). */
export function commandsWithoutHelp(table: Readonly<Record<string, KeyBinding>>): string[] {
  return Object.entries(table)
    .filter(([name, binding]) => binding.help.trim().split(/\s+/).length < 2 || binding.help.trim() === name || binding.keys.length === 0)
    .map(([name]) => name);
}
