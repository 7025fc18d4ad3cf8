import { ADVICE_TOPICS } from '../model/advice.js';
import type { Finding } from '../model/finding.js';
import type { ScanResult, Verdict } from '../model/result.js';
import type { Severity } from '../model/severity.js';
import { escapeForTerminal } from './escape.js';
import { displayPath, firstSteps, groupAdvice, type Step } from './first-steps.js';
import { HTML_STYLE } from './html-style.js';
import { formatBytes, plural } from './numbers.js';
import { gathered } from './pieces.js';
import { insideLine } from './tally.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every untrusted string goes through here: control and bidi characters made visible, then HTML-escaped. */
export const escapeHtml = (text: string) => escapeForTerminal(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
const h = escapeHtml;
/** Escaped prose with its `code` spans set as code (safe: the escaped text holds no markup). */
const prose = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

const VERDICT_TEXT = { go: 'GO', review: 'REVIEW', incomplete: 'INCOMPLETE', 'no-go': 'NO-GO' } as const satisfies Record<Verdict, string>;
const RISK = {
  block: { heading: 'High risk: act now', tag: 'HIGH' },
  review: { heading: 'Review: lower risk, still worth fixing', tag: 'REVIEW' },
  info: { heading: 'For information', tag: 'INFO' },
} as const satisfies Record<Severity, { heading: string; tag: string }>;

const where = (paths: string[]) => (paths.length <= 3 ? paths : [...paths.slice(0, 3), `and ${paths.length - 3} more`]).map((p) => `<span class="path">${h(p)}</span>`).join(', ');

function stepItem(step: Step): string {
  const tag = step.severity === 'advice' ? 'ADVICE' : RISK[step.severity].tag;
  return `<li><h3><span class="tag ${step.severity}">${tag}</span>${h(step.title)}</h3><p class="fix"><strong>Do this:</strong> ${prose(step.fix)}</p><p class="where">Where: ${where(step.where)}</p></li>`;
}

function findingItem(result: ScanResult, f: Finding): string {
  const at = f.line ? ` line ${f.line}` : '';
  const history = f.source === 'git-history' ? ` (git history${f.commit ? `, commit ${h(f.commit.slice(0, 10))}` : ''})` : '';
  const secret = f.secret ? `<p class="where">Value (masked): <code>${h(f.secret)}</code></p>` : '';
  return `<div class="item ${f.severity}"><h3><span class="tag ${f.severity}">${RISK[f.severity].tag}</span><span class="path">${h(displayPath(result, f))}</span>${at}${history}</h3><p>${prose(f.message)}</p>${secret}<p class="fix"><strong>Fix:</strong> ${prose(f.remediation)}</p><p class="where">Rule <code>${h(f.ruleId)}</code></p></div>`;
}

function adviceSection(result: ScanResult): string[] {
  const groups = groupAdvice(result.advice ?? []);
  if (groups.length === 0) return [];
  const out = ['<section id="advice"><h2>Advice: how this machine installs code</h2><p class="sub">Not findings: nothing here changes the verdict, and airlock changed nothing.</p>'];
  for (const [topic, list] of groups) {
    out.push(`<h3>${h(ADVICE_TOPICS[topic])} (${list.length})</h3>`);
    for (const a of list) out.push(`<div class="item advice"><p><span class="path">${h(displayPath(result, a))}${a.line ? ` line ${a.line}` : ''}</span>: ${prose(a.message)}</p><p class="fix"><strong>Fix:</strong> ${prose(a.fix)}</p></div>`);
  }
  out.push('</section>');
  return out;
}

function notReadSection(result: ScanResult): string[] {
  const caches = result.audit?.notRead ?? [];
  if (caches.length === 0 && result.skipped.length === 0) return [];
  const out = ['<section id="not-read"><h2>Not read</h2>'];
  if (caches.length > 0) {
    out.push(`<p>Caches and package stores are not read by default (<code>--include-caches</code> reads them): ${plural(caches.length, 'folder')}.</p><ul class="plain">`);
    for (const c of caches.slice(0, 200)) out.push(`<li class="path">${h(displayPath(result, { root: result.audit!.home, path: c.path }))}</li>`);
    if (caches.length > 200) out.push(`<li>… and ${caches.length - 200} more (see --format json)</li>`);
    out.push('</ul>');
  }
  if (result.skipped.length > 0) {
    out.push(`<p>Skipped (${result.skipped.length}):</p><ul class="plain">`);
    for (const s of result.skipped.slice(0, 100)) out.push(`<li><span class="path">${h(displayPath(result, s))}</span>: ${h(s.reason)}, ${h(s.detail)}</li>`);
    out.push('</ul>');
  }
  out.push('</section>');
  return out;
}

function checkedSection(result: ScanResult): string[] {
  if (!result.audit) return [];
  const rows = result.audit.checked.map((c) => `<tr><td>${h(c.name)}</td><td>${c.found === 0 ? 'not present' : plural(c.found, 'entry', 'entries')}</td></tr>`);
  return ['<section id="checked"><h2>Every place checked</h2><table><thead><tr><th>Where credentials live</th><th>On this machine</th></tr></thead><tbody>', ...rows, '</tbody></table></section>'];
}

/** One self-contained page: inline style, no script, every untrusted string escaped. Written a part at a time. */
export function formatHtml(result: ScanResult, version: string): Iterable<string> {
  return gathered(htmlParts(result, version));
}

function* htmlParts(result: ScanResult, version: string): Generator<string> {
  const isAudit = result.audit !== undefined;
  const subject = isAudit ? `the home folder ${result.audit!.home}` : result.roots.join(', ');
  const counts = (['block', 'review'] as const).map((s) => [s, result.findings.filter((f) => f.severity === s).length] as const);
  const summary = counts.filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s === 'block' ? 'high-risk' : 'to review'}`).join(', ') || 'nothing found';
  const steps = firstSteps(result);
  yield `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>airlock ${isAudit ? 'audit' : 'scan'}: ${VERDICT_TEXT[result.verdict]}</title><style>${HTML_STYLE}</style></head>
<body><main>
`;
  // The body, a part per line.
  yield `<header><h1>airlock ${isAudit ? 'audit' : 'scan'} report</h1><p class="sub">${h(subject)}</p>`;
  yield `\n<p class="verdict ${result.verdict}">${VERDICT_TEXT[result.verdict]}: ${h(summary)}${result.isComplete ? '' : ' (incomplete: some files were not read)'}</p></header>`;
  yield `\n${
    steps.length > 0
      ? `<section class="first" id="first-steps"><h2>Do ${steps.length === 1 ? 'this' : steps.length === 2 ? 'these two things' : 'these three things'} first</h2><ol>${steps.map(stepItem).join('')}</ol></section>`
      : '<section class="first" id="first-steps"><h2>Nothing to do first</h2><p>No credential or risky set-up was found.</p></section>'
  }`;
  for (const severity of ['block', 'review', 'info'] as const) {
    const list = result.findings.filter((f) => f.severity === severity);
    if (list.length === 0) continue;
    yield `\n<section id="${severity}"><h2>${RISK[severity].heading} (${list.length})</h2>`;
    for (const f of list) yield `\n${findingItem(result, f)}`;
    yield '\n</section>';
  }
  for (const part of [...adviceSection(result), ...notReadSection(result), ...checkedSection(result)]) yield `\n${part}`;
  const { files, bytes, durationMs } = result.stats;
  const inside = insideLine(result.stats.inside);
  yield `\n<footer>airlock ${h(version)}: ${plural(files, 'file')}, ${formatBytes(bytes)} read in ${(durationMs / 1000).toFixed(1)} s${inside ? ` (${h(inside)})` : ''}. Secret values are masked. Suppressed findings: ${result.suppressed.length}.</footer>`;
  yield '\n</main></body></html>\n';
}
