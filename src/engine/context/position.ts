/**
 * Where in its file a match stands: in a comment, a docstring, a fenced code block of prose,
 * or in code. Read from the text around the match, without parsing the language.
 */
export type MatchPosition = 'comment' | 'docstring' | 'fenced-code' | 'prose' | 'code';

/** Markers that open a comment running to the end of the line, by file extension. */
const HASH_COMMENTS = /\.(?:py|rb|sh|bash|zsh|ya?ml|toml|ini|cfg|conf|r|pl|pm|ps1|tf|tfvars|hcl|properties|env|dockerfile|mk|cmake|nix|ex|exs|coffee|cr|jl)$|(?:^|\/)(?:\.env[\w.-]*|Dockerfile[\w.-]*|Makefile|Gemfile|Rakefile|Procfile)$/i;
const SLASH_COMMENTS = /\.(?:js|mjs|cjs|jsx|ts|mts|cts|tsx|java|kt|kts|scala|go|c|h|cc|cpp|hpp|cs|swift|rs|php|dart|groovy|gradle|json5|jsonc|proto|sol|zig|v)$/i;
const DASH_COMMENTS = /\.(?:sql|lua|hs|elm|ada)$/i;
const PROSE = /\.(?:md|mdx|markdown)$/i;

function lineBefore(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  return text.slice(start, index);
}

/** Whether a comment marker opens before `at` on this line, outside quotes. */
function opensLineComment(before: string, markers: readonly string[]): boolean {
  const trimmed = before.trimStart();
  if (markers.some((m) => trimmed.startsWith(m))) return true;
  let quote = '';
  for (let i = 0; i < before.length; i++) {
    const c = before[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (markers.some((m) => before.startsWith(m, i)) && (i === 0 || /\s/.test(before[i - 1]!))) return true;
  }
  return false;
}

function count(text: string, needle: string, end: number): number {
  let n = 0;
  for (let at = text.indexOf(needle); at !== -1 && at < end; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

/** Inside a /* … *\/ block: the last opener before the match comes after the last closer. */
function inBlockComment(text: string, index: number): boolean {
  const open = text.lastIndexOf('/*', index);
  return open !== -1 && open > text.lastIndexOf('*/', index) && (open === 0 || /[\s;{}(]/.test(text[open - 1]!));
}

/** Inside a fenced block (``` or ~~~ at a line start) of a Markdown file. */
function inFence(text: string, index: number): boolean {
  let fences = 0;
  for (const m of text.slice(0, index).matchAll(/^[ \t]{0,3}(?:```|~~~)/gm)) if (m.index !== undefined) fences++;
  return fences % 2 === 1;
}

export function matchPosition(path: string, text: string, index: number): MatchPosition {
  const before = lineBefore(text, index);
  if (PROSE.test(path)) return inFence(text, index) ? 'fenced-code' : 'prose';
  if (HASH_COMMENTS.test(path) && opensLineComment(before, ['#'])) return 'comment';
  if (/\.py$/i.test(path) && (count(text, '"""', index) % 2 === 1 || count(text, "'''", index) % 2 === 1)) return 'docstring';
  if (SLASH_COMMENTS.test(path)) {
    if (opensLineComment(before, ['//'])) return 'comment';
    if (/^\s*\*(?:\s|$)/.test(before) || inBlockComment(text, index)) return 'comment';
  }
  if (DASH_COMMENTS.test(path) && opensLineComment(before, ['--'])) return 'comment';
  if (/\.(?:html?|xml|vue|svelte|erb)$/i.test(path) && text.lastIndexOf('<!--', index) > text.lastIndexOf('-->', index)) return 'comment';
  return 'code';
}
