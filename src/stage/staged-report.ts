import { PLACEHOLDER } from './redact-env.js';

export interface StageSummary {
  source: string;
  /** Files and links copied as they are. */
  copied: number;
  leftOut: { path: string; reason: string }[];
  redacted: { path: string; values: number; removed: number }[];
}

/** A Markdown code span that holds any text, backticks included. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${/^`|`$/.test(text) ? ` ${text} ` : text}${fence}`;
}

const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');

/** STAGED.md: what this copy is, what was left out or redacted and why. Paths only, never values. */
export function formatStagedReport(summary: StageSummary, madeAt: Date): string {
  const lines = [
    '# Staged by airlock',
    '',
    `This folder is a sanitized copy of ${code(oneLine(summary.source))}, made by \`airlock stage\` on ${madeAt.toISOString()}.`,
    'Mount it instead of the original. Files were copied with their permissions; links were kept only when they stay inside the folder.',
    '',
    `## Left out (${summary.leftOut.length})`,
    '',
    ...(summary.leftOut.length === 0 ? ['Nothing.'] : summary.leftOut.map((e) => `- ${code(oneLine(e.path))}: ${oneLine(e.reason)}`)),
    '',
    `## Redacted (${summary.redacted.length})`,
    '',
    ...(summary.redacted.length === 0
      ? ['Nothing.']
      : [
          `Every value in these files was replaced with \`${PLACEHOLDER}\`; keys, \`export\`, blank lines and comments were kept (a comment holding a secret was removed).`,
          '',
          ...summary.redacted.map((r) => `- ${code(oneLine(r.path))}: ${r.values} value${r.values === 1 ? '' : 's'} replaced${r.removed > 0 ? `, ${r.removed} line${r.removed === 1 ? '' : 's'} removed` : ''}`),
        ]),
    '',
    '## Before you mount it',
    '',
    '- Put real values in through the sandbox\'s own secret or environment mechanism, not by copying the original files back.',
    '- Rotate any secret listed above that was ever shared: leaving it out now does not undo an earlier exposure.',
    '',
  ];
  return lines.join('\n');
}
