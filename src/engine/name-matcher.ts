/**
 * Tests one path segment (a file or folder name) against many simple globs at once: exact
 * names in a set, `*suffix` and `prefix*` by string comparison, and only the rest through one
 * regex. Used as a cheap gate before the rules' full glob matchers.
 */
export type NameMatcher = (name: string) => boolean;

export const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

/** At most this many names from expanding one glob's `{a,b}` sets; a richer glob stays a regex. */
const MAX_EXPANSIONS = 64;

/** `*.{csv,tsv}` → `*.csv`, `*.tsv`: globs of plain names, suffixes and prefixes are tested without a regex. */
export function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open === -1) return [glob];
  const close = glob.indexOf('}', open);
  if (close === -1 || glob.slice(open + 1, close).includes('{')) return [glob];
  const rest = expandBraces(glob.slice(close + 1));
  const expanded = glob
    .slice(open + 1, close)
    .split(',')
    .flatMap((choice) => rest.map((tail) => glob.slice(0, open) + choice + tail));
  return expanded.length <= MAX_EXPANSIONS ? expanded : [glob];
}

/** A plain glob (`*` its only wildcard) with one `*` inside: `keycloak-*.json`, `.*_history`. */
interface Affix {
  prefix: string;
  suffix: string;
}

/**
 * The regexes of the globs richer than a name, a prefix, a suffix or an infix, grouped by the
 * extension they end in (`*passport*.{pdf,jpg}` → `.pdf`, `.jpg`): a name is put only to the
 * regex of its own extension, which holds the globs that can end otherwise too (the function
 * gives undefined where no glob can match). `'all'` when a glob is too rich for a regex: every
 * name may match (the matcher never wrongly excludes).
 */
function patternsByExtension(globs: readonly string[]): ((extension: string) => RegExp | undefined) | 'all' {
  const anyEnd: string[] = [];
  const byExtension = new Map<string, string[]>();
  for (const glob of globs) {
    const source = globToRegex(glob);
    if (source === undefined || source === '[^/]*') return 'all';
    // A glob ending in `.ext` or `.{a,b}` matches only names that end so.
    const tail = /\.(?:\{([\w,]+)\}|(\w+))$/.exec(glob);
    if (!tail) anyEnd.push(source);
    else for (const extension of (tail[1] ?? tail[2]!).split(',')) byExtension.set(`.${extension}`, [...(byExtension.get(`.${extension}`) ?? []), source]);
  }
  const regexOf = (sources: string[]) => (sources.length > 0 ? new RegExp(`^(?:${sources.join('|')})$`) : undefined);
  const general = regexOf(anyEnd);
  const regexes = new Map([...byExtension].map(([extension, sources]) => [extension, regexOf([...anyEnd, ...sources])]));
  return (extension) => (regexes.has(extension) ? regexes.get(extension) : general);
}

/**
 * Exact names in a set, `*.ext` by the name's extension, `*suffix`, `prefix*`, `*infix*` and
 * `prefix*suffix` by string comparison; only the rest through a regex, the one of the name's
 * extension. (The profile of a cold bench scan had one regex of every rich glob, put to every
 * name, at 0.7 of its 4.4 CPU-seconds of path matching.)
 */
export function createNameMatcher(globs: readonly string[]): NameMatcher {
  const exact = new Set<string>();
  /** Suffixes of one extension (`.csv`): looked up by the name's own extension. */
  const extensions = new Set<string>();
  const suffixes: string[] = [];
  const prefixes: string[] = [];
  const infixes: string[] = [];
  const affixes: Affix[] = [];
  const rich: string[] = [];
  for (const glob of new Set(globs.flatMap(expandBraces))) {
    const star = glob.indexOf('*');
    const lastStar = glob.lastIndexOf('*');
    const isPlain = !/[?{}[\]()!+@]/.test(glob);
    if (isPlain && star === -1) exact.add(glob);
    else if (isPlain && star === 0 && lastStar === 0 && glob.length > 1) {
      const suffix = glob.slice(1);
      if (suffix.lastIndexOf('.') === 0) extensions.add(suffix);
      else suffixes.push(suffix);
    } else if (isPlain && star === glob.length - 1 && glob.length > 1) prefixes.push(glob.slice(0, -1));
    else if (isPlain && star === 0 && lastStar === glob.length - 1 && glob.indexOf('*', 1) === lastStar && glob.length > 2) infixes.push(glob.slice(1, -1));
    else if (isPlain && star === lastStar) affixes.push({ prefix: glob.slice(0, star), suffix: glob.slice(star + 1) });
    else rich.push(glob);
  }
  const patternFor = patternsByExtension(rich);
  if (patternFor === 'all') return () => true;
  return (name) => {
    if (exact.has(name)) return true;
    const dot = name.lastIndexOf('.');
    const extension = dot === -1 ? '' : name.slice(dot);
    if (dot !== -1 && extensions.has(extension)) return true;
    for (const suffix of suffixes) if (name.endsWith(suffix)) return true;
    for (const prefix of prefixes) if (name.startsWith(prefix)) return true;
    for (const infix of infixes) if (name.includes(infix)) return true;
    for (const { prefix, suffix } of affixes) if (name.length >= prefix.length + suffix.length && name.startsWith(prefix) && name.endsWith(suffix)) return true;
    return patternFor(extension)?.test(name) ?? false;
  };
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
  /** Whether a folder of `path` (up to `slash`) matches: each name in turn, without an array of them. */
  const hasFolder = (path: string, slash: number) => {
    for (let start = 0; start < slash; ) {
      const end = path.indexOf('/', start);
      if (folder(path.slice(start, end))) return true;
      start = end + 1;
    }
    return false;
  };
  // Files come folder by folder, each under two names (see `pathCandidates`): the folders' answer
  // for the last two folders is kept, so a folder's names are tested once, not once per file.
  const recent: [string, boolean, string, boolean] = ['', false, '', false];
  const isSameFolder = (path: string, slash: number, folderPath: string) => folderPath.length === slash && path.startsWith(folderPath);
  return (path) => {
    const slash = path.lastIndexOf('/');
    if (basename(path.slice(slash + 1))) return true;
    if (folders.length === 0 || slash === -1) return false;
    if (isSameFolder(path, slash, recent[0])) return recent[1];
    if (isSameFolder(path, slash, recent[2])) return recent[3];
    const answer = hasFolder(path, slash);
    recent[2] = recent[0];
    recent[3] = recent[1];
    recent[0] = path.slice(0, slash);
    recent[1] = answer;
    return answer;
  };
}

/** Whether a glob list matches every path (`**`), so no gate or glob test is needed. */
export const matchesEveryPath = (globs: readonly string[]) => globs.includes('**');

/** Answers kept by a matcher index (extensions and named files seen lately). */
const MAX_PICKED = 4096;

/** A path matcher, with the globs it includes and whether it compares them in any case. */
export interface IndexedMatcher<M> {
  matcher: M;
  globs: readonly string[];
  isCaseless: boolean;
}

/**
 * Of many path matchers, the ones worth asking about a file, by its base name: those whose
 * globs name it exactly (`settings.json`), those whose globs end in its extension
 * (`*.{yml,yaml}`, `*passport*.pdf`), and those that can match any name (`**`, `.env.*`).
 * Never leaves out a matcher that would take the file; may keep one that will not. In the
 * matchers' order.
 */
export function createMatcherIndex<M>(entries: readonly IndexedMatcher<M>[]): (basename: string) => M[] {
  const byName = [new Map<string, number[]>(), new Map<string, number[]>()];
  const byExtension = [new Map<string, number[]>(), new Map<string, number[]>()];
  const always: number[] = [];
  const add = (map: Map<string, number[]>, key: string, place: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [place]);
    else if (list.at(-1) !== place) list.push(place);
  };
  entries.forEach(({ globs, isCaseless }, place) => {
    const side = isCaseless ? 1 : 0;
    let isAnyName = false;
    for (const last of globs.flatMap((glob) => expandBraces(glob.slice(glob.lastIndexOf('/') + 1)))) {
      const dot = last.lastIndexOf('.');
      const extension = dot === -1 ? '' : last.slice(dot);
      if (!/[*?[\]{}()!+@]/.test(last)) add(byName[side]!, last, place);
      else if (dot !== -1 && !/[*?[\]{}()!+@]/.test(extension) && extension.length > 1) add(byExtension[side]!, extension, place);
      else isAnyName = true;
    }
    if (isAnyName) always.push(place);
  });
  // The answer depends on the extension alone unless a glob names the file: kept by that key.
  const picked = new Map<string, M[]>();
  return (basename) => {
    const lower = basename.toLowerCase();
    const dot = basename.lastIndexOf('.');
    const extension = dot === -1 ? '' : basename.slice(dot);
    const isNamed = byName[0]!.has(basename) || byName[1]!.has(lower);
    const key = isNamed ? `/${basename}` : extension;
    const known = picked.get(key);
    if (known) return known;
    const places = [...always];
    for (const [side, name, ext] of [[0, basename, extension], [1, lower, extension.toLowerCase()]] as const) {
      places.push(...(byName[side]!.get(name) ?? []), ...(ext ? (byExtension[side]!.get(ext) ?? []) : []));
    }
    const matchers = [...new Set(places.sort((a, b) => a - b))].map((place) => entries[place]!.matcher);
    if (picked.size >= MAX_PICKED) picked.clear();
    picked.set(key, matchers);
    return matchers;
  };
}
