/** What every value in a staged `.env` file becomes: shell- and dotenv-safe, and a known placeholder. */
export const PLACEHOLDER = 'redacted-by-airlock';

export const REMOVED_SECRET_LINE = '# (line removed by airlock: it held a secret)';
export const REMOVED_OTHER_LINE = '# (line removed by airlock: not a KEY=value line)';

/** `.env.js`, `.env.ts`, `.env.json`…: code or data named after dotenv, not dotenv files. */
const CODE_EXTENSION = /\.(?:[cm]?[jt]sx?|json|ya?ml|toml|py|rb|go|rs|php|java|kt|sh|md)$/;

/** dotenv files, by name: `.env`, `.env.local`, `.env.production`, `prod.env`. */
export function isEnvFile(name: string): boolean {
  if (name === '.env' || (name.length > 4 && name.endsWith('.env'))) return true;
  return name.startsWith('.env.') && !CODE_EXTENSION.test(name);
}

export interface RedactedEnv {
  text: string;
  /** Values replaced by the placeholder. */
  values: number;
  /** Lines dropped: continuation lines of multi-line values, flagged comments, lines that are not KEY=value. */
  removed: number;
}

const ASSIGNMENT = /^(\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*[=:]\s*)(.*)$/;

/** Index of the quote closing a value that opens with `quote` at index 0, or -1 when not on this line. */
function closingQuote(text: string, quote: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/**
 * Rewrites a dotenv file so that code still finds every key but no value: `KEY=value` becomes
 * `KEY=redacted-by-airlock` (empty values stay empty), a quoted value spanning several lines
 * becomes one line, `export` and blank lines are kept, and comments are kept unless the scan
 * found a secret on them (`flaggedLines`, 1-based). Anything else is dropped, never kept as is.
 */
export function redactEnv(text: string, flaggedLines: ReadonlySet<number> = new Set()): RedactedEnv {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  let values = 0;
  let removed = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (trimmed === '') out.push(line);
    else if (trimmed.startsWith('#')) {
      if (flaggedLines.has(i + 1)) removed++;
      out.push(flaggedLines.has(i + 1) ? REMOVED_SECRET_LINE : line);
    } else {
      const match = ASSIGNMENT.exec(line);
      if (!match) {
        out.push(REMOVED_OTHER_LINE);
        removed++;
        continue;
      }
      const [, prefix, value] = match as unknown as [string, string, string];
      const quote = value[0];
      if (quote === '"' || quote === "'" || quote === '`') {
        // Skip to the line that closes the quote (to the end, if none does).
        let rest = value;
        let from = 1;
        while (closingQuote(rest, quote, from) < 0 && i + 1 < lines.length) {
          rest = lines[++i]!;
          from = 0;
          removed++;
        }
      }
      const isEmpty = value === '' || value.startsWith('#') || value === '""' || value === "''";
      out.push(isEmpty ? prefix.trimEnd() : `${prefix}${PLACEHOLDER}`);
      if (!isEmpty) values++;
    }
  }
  return { text: out.join(eol), values, removed };
}
