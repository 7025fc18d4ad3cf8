/** Words a POSIX shell reads back unchanged without quotes: no globs, braces, tildes or spaces. */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One shell word: as is when safe, otherwise in single quotes with each `'` written `'\''`. */
export function quoteShell(word: string): string {
  return SHELL_SAFE.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * One field of a docker `--mount` value, which docker reads with Go's encoding/csv: a field
 * holding `,` or `"` is wrapped in double quotes with `"` doubled. Line breaks cannot be
 * expressed (encoding/csv rewrites `\r\n`), so the renderers refuse them first.
 */
export function quoteCsvField(field: string): string {
  return /[",]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

export const hasLineBreak = (path: string) => /[\r\n]/.test(path);

/**
 * A literal path in a gitignore-style pattern (Claude Code's Read/Edit rules): `\`, `*`, `?`,
 * `[` and `]` are escaped with a backslash, and so is a trailing space.
 */
export function escapeGitignore(path: string): string {
  return path.replace(/[\\*?[\]]/g, '\\$&').replace(/ $/, '\\ ');
}
