import type { PlanChoiceKind } from '../model/decisions.js';
import type { Finding } from '../model/finding.js';
import { fileOfFinding } from '../verdict/apply-decisions.js';
import { escapeForTerminal as safe } from '../report/escape.js';
import { placeInFile } from '../report/text.js';
import { firstAtLeast } from '../pipeline/line-index.js';
import type { FindingRow } from './finding-rows.js';
import { seg, wrapText, type Line, type PaneLines } from './line.js';
import { SEVERITY_LABEL, SEVERITY_TONE } from './theme.js';

const indent = (depth: number) => '  '.repeat(depth);

/** What the user decided, as the findings pane marks it. */
export interface Marks {
  /** The allowlist file a finding's acceptance is saved in, when it is accepted. */
  acceptedBy: (f: Finding) => string | undefined;
  /** The plan choice for a file (absolute path), if any. */
  choiceOf: (file: string) => PlanChoiceKind | undefined;
}

export const NO_MARKS: Marks = { acceptedBy: () => undefined, choiceOf: () => undefined };

const CHOICE_MARK = { keep: '  [kept in the plan]', 'leave-out': '  [left out]' } as const satisfies Record<PlanChoiceKind, string>;

function whereOf(f: Finding): string {
  const at = placeInFile(f);
  if (f.source === 'git-history') return `${at}, git history${f.commit ? ` (commit ${f.commit.slice(0, 10)})` : ''}`;
  return f.source === 'staged' ? `${at}, staged` : at;
}

/** The lines under an expanded finding: message, rule, category, place, masked secret, fix. */
export function detailLines(f: Finding, depth: number, width: number, acceptedBy?: string): Line[] {
  const pad = indent(depth + 1);
  const fields: [label: string, value: string][] = [
    ...(acceptedBy ? [['suppressed by: ', `${safe(acceptedBy)} (you accepted it; u undoes it)`] as [string, string]] : []),
    ['', safe(f.message)],
    ['rule: ', `${safe(f.ruleId)} · category: ${f.category} · severity: ${f.severity}`],
    ['at: ', `${safe(f.path)} ${whereOf(f)}`],
    ...(f.secret ? [['secret: ', safe(f.secret)] as [string, string]] : []),
    ...(f.locations?.length
      ? [['also at: ', f.locations.map((l) => `${safe(l.path)}${l.line ? `:${l.line}` : ''}${l.source === 'git-history' ? ' (history)' : ''}`).join(', ')] as [string, string]]
      : []),
    ['fix: ', safe(f.remediation)],
  ];
  return fields.flatMap(([label, value], i) =>
    wrapText(`${label}${value}`, width - pad.length).map((text, j) => ({ key: `${i}:${j}`, segments: [seg(pad), seg(text, label === 'fix: ' ? 'go' : label ? 'muted' : undefined)] })),
  );
}

function rowLine(row: FindingRow, isExpanded: boolean, marks: Marks): Line['segments'] {
  switch (row.kind) {
    case 'root':
      return [seg(safe(row.root), 'accent', true), seg(row.count === 0 ? '  nothing found' : `  ${row.count} finding${row.count === 1 ? '' : 's'}`, row.count === 0 ? 'go' : 'muted')];
    case 'folder':
      return [seg(indent(1)), seg(`${safe(row.folder)}/`, undefined, true), seg(`  ${row.count}`, 'muted')];
    case 'file': {
      const choice = marks.choiceOf(fileOfFinding(row));
      return [seg(indent(row.depth)), seg(safe(row.path.slice(row.path.lastIndexOf('/') + 1))), seg(choice ? CHOICE_MARK[choice] : '', 'accent')];
    }
    case 'finding': {
      const f = row.finding;
      const at = f.line ? `:${f.line}` : '';
      const isAccepted = marks.acceptedBy(f) !== undefined;
      return [
        seg(`${indent(row.depth)}${isExpanded ? '▾' : '▸'} `),
        isAccepted ? seg('OK'.padEnd(6), 'muted', true) : seg(SEVERITY_LABEL[f.severity].padEnd(6), SEVERITY_TONE[f.severity], true),
        seg(` ${safe(f.ruleId)}${at}${f.source === 'git-history' ? ' (history)' : ''}`),
        seg(f.secret ? `  ${safe(f.secret)}` : '', 'muted'),
        seg(isAccepted ? `  accepted (was ${SEVERITY_LABEL[f.severity]})` : '', 'accent'),
      ];
    }
  }
}

/**
 * The findings pane: a line per row, and an expanded finding's details under it. Only the
 * details of expanded findings are laid out here; a row's own line is made when it is shown.
 */
export function findingPane(rows: readonly FindingRow[], expanded: ReadonlySet<string>, cursor: number, width: number, marks: Marks = NO_MARKS): PaneLines & { rowStart: Int32Array } {
  const rowStart = new Int32Array(rows.length);
  const details = new Map<number, Line[]>();
  let count = 0;
  rows.forEach((row, i) => {
    rowStart[i] = count++;
    if (row.kind !== 'finding' || !expanded.has(row.key)) return;
    const lines = detailLines(row.finding, row.depth, width, marks.acceptedBy(row.finding)).map((l) => ({ ...l, key: `row:${i}:${l.key}` }));
    details.set(i, lines);
    count += lines.length;
  });
  const at = (index: number): Line => {
    // The last row that starts at or before the line.
    const row = firstAtLeast(rowStart, index + 1) - 1;
    const offset = index - rowStart[row]!;
    if (offset > 0) return details.get(row)![offset - 1]!;
    return { key: `row:${row}`, segments: rowLine(rows[row]!, details.has(row), marks), isSelected: row === cursor };
  };
  return { count, focus: rowStart[cursor] ?? 0, at, rowStart };
}
