import type { ScanResult } from '../model/result.js';
import { escapeForTerminal as safe } from '../report/escape.js';
import { plural } from '../report/numbers.js';
import { partitionSkipped, suppressionsBySource } from '../report/tally.js';
import { seg, type Line } from './line.js';
import { VERDICT_TEXT } from './theme.js';

/**
 * The verdict line, then one line per suppression source and the skipped count. An incomplete
 * scan says INCOMPLETE beside its verdict and is never shown in GO's colour: what was not
 * read may hold anything.
 */
export function summaryLines(result: ScanResult, width = Infinity): Line[] {
  const verdict = VERDICT_TEXT[result.verdict];
  const count = (severity: 'block' | 'review') => result.findings.filter((f) => f.severity === severity).length;
  const { unread, neverOpened } = partitionSkipped(result);
  const incomplete = unread.length;
  const verdictTone = verdict.tone;
  const isVerdictIncomplete = result.verdict === 'incomplete';
  const full = [
    seg(verdict.label, verdictTone, true),
    ...(result.isComplete ? [] : [seg('  '), seg(`${isVerdictIncomplete ? '' : 'INCOMPLETE: '}${plural(incomplete, 'item')} not scanned`, 'review', true)]),
    seg(`  ${count('block')} blocking, ${count('review')} to review`),
    seg(result.suppressed.length > 0 ? `, ${result.suppressed.length} suppressed` : ''),
  ];
  // On a narrow terminal the counts come right after the verdict, in short words, before the cut.
  const compact = [
    seg(verdict.label, verdictTone, true),
    ...(result.isComplete ? [] : [seg(` ${incomplete} unread,`, 'review', true)]),
    seg(` ${count('block')} block, ${count('review')} review`),
    seg(result.suppressed.length > 0 ? `, ${result.suppressed.length} suppressed` : ''),
  ];
  const isNarrow = full.reduce((n, s) => n + s.text.length, 0) > width;
  const lines: Line[] = [{ key: 'verdict', segments: isNarrow ? compact : full }];
  for (const [by, n] of suppressionsBySource(result)) {
    lines.push({ key: `suppressed:${by}`, segments: [seg(`${n} suppressed by `, 'review'), seg(safe(by), 'review')] });
  }
  const byReason = (list: typeof unread) => {
    const reasons = new Map<string, number>();
    for (const s of list) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
    return [...reasons].map(([reason, n]) => `${n} ${reason}`).join(', ');
  };
  if (unread.length > 0) lines.push({ key: 'skipped', segments: [seg(`${plural(unread.length, 'item')} not scanned (${byReason(unread)})`, 'review')] });
  if (neverOpened.length > 0) lines.push({ key: 'never-opened', segments: [seg(`${plural(neverOpened.length, 'item')} never opened (FIFOs, sockets, devices)`, 'muted')] });
  for (const e of result.excluded) lines.push({ key: `excluded:${e.root}:${e.by}`, segments: [seg(`${plural(e.entries, 'entry', 'entries')} excluded by ${safe(e.by)}`, 'muted')] });
  return lines;
}

/** One plain line for the terminal after the TUI closes. */
export function summaryText(result: ScanResult): string {
  return summaryLines(result)[0]!.segments.map((s) => s.text).join('');
}

