/**
 * The command that opens a file at a line in the user's editor, pure: `$VISUAL`, else
 * `$EDITOR` (words split at spaces, so `code --wait` or `emacs -nw` work). Editors take the line
 * in different ways; the editor's own name says which.
 */
export type EditorCommand = { ok: true; command: string; args: string[] } | { ok: false; reason: string };

/** `code -g file:line` and its relatives. */
const GOTO_FLAG = new Set(['code', 'code-insiders', 'codium', 'vscodium', 'cursor', 'windsurf']);
/** `subl file:line`. */
const COLON_SUFFIX = new Set(['subl', 'sublime_text', 'zed', 'hx', 'helix', 'gedit', 'kate', 'mate']);
/** `idea --line N file` (JetBrains). */
const LINE_FLAG = new Set(['idea', 'pycharm', 'webstorm', 'goland', 'clion', 'phpstorm', 'rubymine', 'rider']);

export function editorCommand(env: { VISUAL?: string; EDITOR?: string }, file: string, line?: number): EditorCommand {
  const chosen = (env.VISUAL?.trim() || env.EDITOR?.trim()) ?? '';
  if (!chosen) return { ok: false, reason: 'EDITOR is not set (nor VISUAL): set it to open files from here, e.g. EDITOR=vim' };
  const [command, ...words] = chosen.split(/\s+/);
  const name = command!.slice(command!.lastIndexOf('/') + 1).replace(/\.exe$/i, '');
  if (line === undefined) return { ok: true, command: command!, args: [...words, file] };
  if (GOTO_FLAG.has(name)) return { ok: true, command: command!, args: [...words, '-g', `${file}:${line}`] };
  if (COLON_SUFFIX.has(name)) return { ok: true, command: command!, args: [...words, `${file}:${line}`] };
  if (LINE_FLAG.has(name)) return { ok: true, command: command!, args: [...words, '--line', String(line), file] };
  // vi, vim, nvim, nano, emacs, emacsclient, micro, kak, joe, ne, mg… and most others.
  return { ok: true, command: command!, args: [...words, `+${line}`, file] };
}
