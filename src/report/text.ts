import { formatBytes, plural } from './numbers.js';
import { insideLine, partitionSkipped, suppressionsBySource } from './tally.js';
import type { Finding } from '../model/finding.js';
import type { ScanResult, Verdict } from '../model/result.js';
import type { Severity } from '../model/severity.js';
import { escapeForTerminal as safe } from './escape.js';
import { formatAdviceAndAudit } from './advice-text.js';
import { endedLines, gathered } from './pieces.js';
import { formatPlan } from './plan-text.js';
import { wrap } from './wrap.js';

/** Semantic colours; all empty when colour is off. */
export interface Palette {
  block: string;
  review: string;
  info: string;
  go: string;
  dim: string;
  bold: string;
  reset: string;
}

export const PLAIN: Palette = { block: '', review: '', info: '', go: '', dim: '', bold: '', reset: '' };
export const ANSI: Palette = {
  block: '\x1b[31m',
  review: '\x1b[33m',
  info: '\x1b[36m',
  go: '\x1b[32m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  reset: '\x1b[0m',
};

const VERDICT_LABEL = {
  go: { text: 'GO', tone: 'go' },
  review: { text: 'REVIEW', tone: 'review' },
  incomplete: { text: 'INCOMPLETE', tone: 'review' },
  'no-go': { text: 'NO-GO', tone: 'block' },
} as const satisfies Record<Verdict, { text: string; tone: keyof Palette }>;

const SEVERITY_LABEL = { block: 'BLOCK ', review: 'REVIEW', info: 'INFO  ' } as const satisfies Record<Severity, string>;



/** Where in its file a finding is: a line and column, a binary's printable string (its offset is in the path), or the whole file. */
export function placeInFile(finding: Finding): string {
  if (finding.line) return `line ${finding.line}:${finding.column ?? 1}`;
  return finding.file && /@0x[0-9a-f]+$/.test(finding.path) ? 'binary string' : 'whole file';
}

function formatFinding(finding: Finding, p: Palette): string[] {
  const at = placeInFile(finding);
  const where = finding.source === 'git-history' ? `${at}, git history${finding.commit ? ` (commit ${finding.commit.slice(0, 10)})` : ''}` : finding.source === 'staged' ? `${at}, staged` : at;
  const secret = finding.secret ? `  ${safe(finding.secret)}` : '';
  const elsewhere = (finding.locations ?? []).map(
    (l) => `${safe(l.path)}${l.line ? `:${l.line}` : ''}${l.source === 'git-history' ? ' (history)' : ''}${l.ruleId !== finding.ruleId ? ` [${l.ruleId}]` : ''}`,
  );
  return [
    `    ${p[finding.severity]}${SEVERITY_LABEL[finding.severity]}${p.reset} ${finding.ruleId}  ${p.dim}${where}${p.reset}${secret}`,
    ...wrap(safe(finding.message), '           '),
    ...(elsewhere.length > 0 ? wrap(`Same secret also at: ${elsewhere.join(', ')}`, '           ') : []),
    ...wrap(`Fix: ${safe(finding.remediation)}`, `           `).map((l) => `${p.dim}${l}${p.reset}`),
  ];
}

/** A folder with more links leaving the root than this is shown as one group (`/etc/alternatives`). */
export const LINK_GROUP_MIN = 5;

const folderOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.');

/** The folders holding more than LINK_GROUP_MIN links that leave the root, with their links. */
function linkGroups(findings: Finding[]): Map<string, Finding[]> {
  const byFolder = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.ruleId !== 'symlink-escape') continue;
    const links = byFolder.get(folderOf(f.path));
    if (links) links.push(f);
    else byFolder.set(folderOf(f.path), [f]);
  }
  for (const [folder, links] of byFolder) if (links.length <= LINK_GROUP_MIN) byFolder.delete(folder);
  return byFolder;
}

function formatLinkGroup(folder: string, links: Finding[], p: Palette): string[] {
  const names = links.slice(0, 3).map((f) => safe(f.path.slice(folder === '.' ? 0 : folder.length + 1)));
  return [
    `  ${safe(folder)}/`,
    `    ${p.review}${SEVERITY_LABEL.review}${p.reset} symlink-escape  ${p.dim}${links.length} links${p.reset}`,
    ...wrap(
      `${links.length} links here point outside the scanned folder (${names.join(', ')}, …; every one is in the JSON output). Mounted into a container or VM, an absolute link resolves inside the sandbox, to the sandbox's own file of that name or to nothing, and a relative one that climbs out resolves from the mount point; a tool that runs on this machine (Claude Code's permission rules) would follow them to this machine's files.`,
      '           ',
    ),
    ...wrap(`Fix: ${safe(links[0]!.remediation)}`, '           ').map((l) => `${p.dim}${l}${p.reset}`),
  ];
}

function* rootLines(root: string, findings: Finding[], p: Palette): Generator<string> {
  yield `${p.bold}${safe(root)}${p.reset}`;
  if (findings.length === 0) {
    yield `  ${p.go}nothing found${p.reset}`;
    yield '';
    return;
  }
  const groups = linkGroups(findings);
  const grouped = new Set<Finding>();
  for (const links of groups.values()) for (const link of links) grouped.add(link);
  for (const [folder, links] of groups) yield* formatLinkGroup(folder, links, p);
  let currentPath: string | undefined;
  for (const finding of findings) {
    if (grouped.has(finding)) continue;
    if (finding.path !== currentPath) {
      currentPath = finding.path;
      yield `  ${safe(finding.path)}`;
    }
    yield* formatFinding(finding, p);
  }
  yield '';
}

/**
 * The default output: findings grouped by folder and file, the verdict last. Fits 80 columns.
 * Written in pieces, a line at a time: a scan with 200,000 findings is never one string.
 */
export function formatText(result: ScanResult, p: Palette = PLAIN): Iterable<string> {
  return gathered(endedLines(textLines(result, p)));
}

function* textLines(result: ScanResult, p: Palette): Generator<string> {
  for (const root of result.roots) yield* rootLines(root, result.findings.filter((f) => f.root === root), p);
  // What follows the findings is short: gathered as lines, then given out.
  const lines: string[] = [];
  const { unread, neverOpened } = partitionSkipped(result);
  for (const [heading, list, tone] of [['Not scanned', unread, p.review], ['Never opened — FIFOs, sockets, devices', neverOpened, p.dim]] as const) {
    if (list.length === 0) continue;
    lines.push(`${tone}${heading} (${list.length}):${p.reset}`);
    for (const s of list.slice(0, 20)) lines.push(...wrap(`${safe(s.path)} — ${s.reason}: ${safe(s.detail)}`, '  '));
    if (list.length > 20) lines.push(`  … and ${list.length - 20} more (see --format json)`);
    lines.push('');
  }
  for (const e of result.excluded) lines.push(...wrap(`Excluded ${plural(e.entries, 'entry', 'entries')} by ${safe(e.by)}`, ''));
  if (result.suppressed.length > 0) {
    lines.push(`${p.review}Suppressed ${plural(result.suppressed.length, 'finding')}:${p.reset}`);
    for (const [by, count] of suppressionsBySource(result)) lines.push(...wrap(`${count} by ${safe(by)}`, '  '));
  }
  lines.push(...formatAdviceAndAudit(result, p));
  for (const notice of result.notices) lines.push(...wrap(`Note: ${safe(notice)}`, ''));
  const { files, bytes, durationMs } = result.stats;
  lines.push(`${plural(files, 'file')}, ${formatBytes(bytes)} read in ${(durationMs / 1000).toFixed(1)} s`);
  const inside = insideLine(result.stats.inside);
  if (inside) lines.push(...wrap(inside, ''));
  const counts = (['block', 'review', 'info'] as const)
    .map((s) => [s, result.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s === 'block' ? 'blocking' : s === 'review' ? 'to review' : 'info'}`);
  const label = VERDICT_LABEL[result.verdict];
  const notRead = `${plural(unread.length, 'item')} not scanned`;
  const completeness = result.isComplete ? 'complete scan' : result.verdict === 'incomplete' ? notRead : `${p.review}INCOMPLETE: ${notRead}${p.reset}`;
  lines.push(`${p.bold}${p[label.tone]}${label.text}${p.reset}  ${counts.join(', ') || 'no findings'} — ${completeness}`);
  yield* lines;
  if (result.plan) {
    yield '';
    yield* formatPlan(result.plan, p);
  }
}
