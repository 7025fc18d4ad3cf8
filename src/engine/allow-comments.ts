/**
 * Comments that mark a line's secret as known and accepted: airlock's own marker and the
 * common markers of other scanners, so a repository annotated for one tool is not re-annotated
 * for ours. A marker only quiets the finding; the finding is still reported as suppressed.
 */
export const INLINE_ALLOW_MARKERS = ['airlock:allow', 'gitleaks:allow', 'pragma: allowlist secret'] as const;

/** The allow marker on the line holding `index`, if any. */
export function allowCommentAt(text: string, index: number): string | undefined {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const newline = text.indexOf('\n', index);
  const line = text.slice(start, newline === -1 ? text.length : newline);
  return INLINE_ALLOW_MARKERS.find((marker) => line.includes(marker));
}
