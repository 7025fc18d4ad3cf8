import { ADVICE_TOPICS } from '../model/advice.js';
import type { Finding } from '../model/finding.js';
import type { ScanResult, Verdict } from '../model/result.js';
import { escapeForTerminal } from './escape.js';
import { displayPath, firstSteps, groupAdvice } from './first-steps.js';
import { formatBytes, plural } from './numbers.js';
import { endedLines, gathered } from './pieces.js';
import { insideLine } from './tally.js';

/**
 * Untrusted text as inert Markdown: control and bidi characters made visible, every character
 * Markdown or HTML could read as syntax backslash-escaped (`&` as an entity), so a file name
 * cannot add a link, an image, a table cell or raw HTML.
 */
export const escapeMarkdown = (text: string) => escapeForTerminal(text).replace(/&/g, '&amp;').replace(/[\\`*_{}[\]<>|~]/g, '\\$&');

/** Prose whose `code` parts stay code spans (literal, whatever they hold) and the rest escaped. */
const m = (text: string) =>
  text
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? codeSpan(part.slice(1, -1)) : escapeMarkdown(part)))
    .join('');

/** A code span that holds any text literally: its fence is longer than any run of backticks inside. */
export function codeSpan(text: string): string {
  const safe = escapeForTerminal(text);
  const fence = '`'.repeat(Math.max(0, ...[...safe.matchAll(/`+/g)].map((r) => r[0].length)) + 1);
  const pad = safe.startsWith('`') || safe.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${safe}${pad}${fence}`;
}

const VERDICT_TEXT = { go: 'GO', review: 'REVIEW', incomplete: 'INCOMPLETE', 'no-go': 'NO-GO' } as const satisfies Record<Verdict, string>;
const HEADINGS = { block: 'High risk: act now', review: 'Review', info: 'For information' } as const;

function findingLines(result: ScanResult, f: Finding): string[] {
  const at = f.line ? ` line ${f.line}` : '';
  const history = f.source === 'git-history' ? ` (git history${f.commit ? `, commit ${f.commit.slice(0, 10)}` : ''})` : '';
  return [
    `- ${codeSpan(displayPath(result, f))}${at}${history}: ${m(f.message)}${f.secret ? ` Value: ${codeSpan(f.secret)}` : ''}`,
    `  - Fix: ${m(f.remediation)} (rule ${codeSpan(f.ruleId)})`,
  ];
}

/** GitHub-flavoured Markdown: summary and first steps, findings by risk, advice, what was not read. Written a line at a time. */
export function formatMarkdown(result: ScanResult, version: string): Iterable<string> {
  return gathered(endedLines(markdownLines(result, version)));
}

function* markdownLines(result: ScanResult, version: string): Generator<string> {
  const isAudit = result.audit !== undefined;
  const lines = [`# airlock ${isAudit ? 'audit' : 'scan'}: ${VERDICT_TEXT[result.verdict]}`, ''];
  lines.push(isAudit ? `Home folder: ${m(result.audit!.home)}` : `Folders: ${result.roots.map(m).join(', ')}`, '');
  if (!result.isComplete) lines.push('**Incomplete:** some files were not read (see "Not read").', '');
  const steps = firstSteps(result);
  if (steps.length > 0) {
    lines.push(`## Do ${steps.length === 1 ? 'this' : steps.length === 2 ? 'these two things' : 'these three things'} first`, '');
    steps.forEach((step, i) => {
      const shown = step.where.slice(0, 3).map(codeSpan).join(', ') + (step.where.length > 3 ? `, and ${step.where.length - 3} more` : '');
      lines.push(`${i + 1}. **${m(step.title)}**: ${m(step.fix)}`, `   Where: ${shown}`);
    });
    lines.push('');
  }
  yield* lines;
  lines.length = 0;
  for (const severity of ['block', 'review', 'info'] as const) {
    const list = result.findings.filter((f) => f.severity === severity);
    if (list.length === 0) continue;
    yield* [`## ${HEADINGS[severity]} (${list.length})`, ''];
    for (const f of list) yield* findingLines(result, f);
    yield '';
  }
  const groups = groupAdvice(result.advice ?? []);
  if (groups.length > 0) {
    lines.push('## Advice', '', 'Not findings: they never change the verdict, and airlock changed nothing.', '');
    for (const [topic, list] of groups) {
      lines.push(`### ${ADVICE_TOPICS[topic]}`, '');
      for (const a of list) lines.push(`- ${codeSpan(displayPath(result, a))}${a.line ? ` line ${a.line}` : ''}: ${m(a.message)}`, `  - Fix: ${m(a.fix)}`);
      lines.push('');
    }
  }
  const caches = result.audit?.notRead ?? [];
  if (caches.length > 0 || result.skipped.length > 0) {
    lines.push('## Not read', '');
    if (caches.length > 0) lines.push(`Caches and package stores (${caches.length}; \`--include-caches\` reads them): ${caches.slice(0, 100).map((c) => codeSpan(`~/${c.path}`)).join(', ')}${caches.length > 100 ? ', …' : ''}`, '');
    for (const s of result.skipped.slice(0, 50)) lines.push(`- ${codeSpan(displayPath(result, s))}: ${m(s.reason)}, ${m(s.detail)}`);
    if (result.skipped.length > 0) lines.push('');
  }
  if (result.audit) {
    lines.push('## Every place checked', '', '| Where credentials live | On this machine |', '| --- | --- |');
    for (const c of result.audit.checked) lines.push(`| ${m(c.name)} | ${c.found === 0 ? 'not present' : plural(c.found, 'entry', 'entries')} |`);
    lines.push('');
  }
  const { files, bytes, durationMs } = result.stats;
  const inside = insideLine(result.stats.inside);
  lines.push(`airlock ${m(version)}: ${plural(files, 'file')}, ${formatBytes(bytes)} read in ${(durationMs / 1000).toFixed(1)} s${inside ? ` (${inside})` : ''}; secret values are masked; ${plural(result.suppressed.length, 'finding')} suppressed.`);
  yield* lines;
}
