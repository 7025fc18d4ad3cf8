/**
 * Tests one path segment (a file or folder name) against many simple globs at once: exact
 * names in a set, `*suffix` and `prefix*` by string comparison, and only the rest through one
 * regex. Used as a cheap gate before the rules' full glob matchers.
 */
export type NameMatcher = (name: string) => boolean;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `*`, `?` and `{a,b}` as a regex source; undefined for anything richer. */
function globBodyToRegex(glob: string): string | undefined {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '{') {
      const end = glob.indexOf('}', i);
      if (end === -1) return undefined;
      source += `(?:${glob.slice(i + 1, end).split(',').map(escapeRegex).join('|')})`;
      i = end;
    } else source += escapeRegex(ch);
  }
  return source;
}

/**
 * A glob as a regex source. One that starts with `*` and ends in a fixed tail
 * (`*passport*.{pdf,jpg}`) first looks ahead for the tail: without it, V8 backtracks the
 * leading `[^/]*` through every inner alternative, on every name.
 */
function globToRegex(glob: string): string | undefined {
  if (/[[\]()!+@]/.test(glob)) return undefined;
  const body = globBodyToRegex(glob);
  const tail = glob.slice(glob.lastIndexOf('*') + 1);
  // Literal characters and whole {a,b} sets, nothing that can match more than one way.
  const isFixedTail = glob.startsWith('*') && /^(?:[^{}?*]|\{[^{}?*]*\})+$/.test(tail);
  const tailSource = isFixedTail ? globBodyToRegex(tail) : undefined;
  return body === undefined || tailSource === undefined ? body : `(?=[^/]*${tailSource}$)${body}`;
}

export function createNameMatcher(globs: readonly string[]): NameMatcher {
  const exact = new Set<string>();
  const suffixes: string[] = [];
  const prefixes: string[] = [];
  const patterns: string[] = [];
  let matchesAll = false;
  for (const glob of new Set(globs)) {
    const star = glob.indexOf('*');
    const isPlain = !/[?{}[\]()!+@]/.test(glob);
    if (isPlain && star === -1) exact.add(glob);
    else if (isPlain && star === 0 && glob.indexOf('*', 1) === -1 && glob.length > 1) suffixes.push(glob.slice(1));
    else if (isPlain && star === glob.length - 1 && glob.indexOf('*') === star && glob.length > 1) prefixes.push(glob.slice(0, -1));
    else {
      const source = globToRegex(glob);
      if (source === undefined || source === '[^/]*') matchesAll = true;
      else patterns.push(source);
    }
  }
  if (matchesAll) return () => true;
  const pattern = patterns.length > 0 ? new RegExp(`^(?:${patterns.join('|')})$`) : undefined;
  return (name) =>
    exact.has(name) ||
    suffixes.some((s) => name.endsWith(s)) ||
    prefixes.some((p) => name.startsWith(p)) ||
    (pattern !== undefined && pattern.test(name));
}

/**
 * What a path must show for one of `globs` to match it, cheap to test: its base name matches
 * the last segment of a glob, or one of its folders matches the segment before a trailing
 * `**` or `*` (`…/legacy_credentials/**`). A glob with nothing to hold on to (`**`) lets
 * every path through. Never says no to a path a glob matches; may say yes to one it doesn't.
 */
export function createPathGate(globs: readonly string[]): (path: string) => boolean {
  const basenames: string[] = [];
  const folders: string[] = [];
  for (const glob of globs) {
    const segments = glob.split('/');
    const last = segments.at(-1)!;
    if (last !== '' && !last.includes('**') && last !== '*') basenames.push(last);
    else if (segments.length > 1 && !segments.at(-2)!.includes('**')) folders.push(segments.at(-2)!);
    else basenames.push('*');
  }
  const basename = createNameMatcher(basenames);
  const folder = createNameMatcher(folders);
  return (path) => {
    const slash = path.lastIndexOf('/');
    if (basename(path.slice(slash + 1))) return true;
    if (folders.length === 0 || slash === -1) return false;
    return path.slice(0, slash).split('/').some(folder);
  };
}

/** Whether a glob list matches every path (`**`), so no gate or glob test is needed. */
export const matchesEveryPath = (globs: readonly string[]) => globs.includes('**');
