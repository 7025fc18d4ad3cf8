import { ADVICE_TOPICS } from '../model/advice.js';
import type { ScanResult } from '../model/result.js';
import { escapeForTerminal as safe } from './escape.js';
import { displayPath, firstSteps } from './first-steps.js';
import { plural } from './numbers.js';
import type { Palette } from './text.js'; // a type only: no loop at run time
import { wrap } from './wrap.js';

/** The text format's advice section and, for an audit, what was checked, not read, and done first. */
export function formatAdviceAndAudit(result: ScanResult, p: Palette): string[] {
  const lines: string[] = [];
  const advice = result.advice ?? [];
  if (advice.length > 0) {
    lines.push(`${p.info}Advice (${advice.length}; never part of the verdict, nothing was changed):${p.reset}`);
    for (const a of advice) {
      lines.push(...wrap(`${ADVICE_TOPICS[a.topic]}: ${safe(displayPath(result, a))}${a.line ? `:${a.line}` : ''}: ${safe(a.message)}`, '  '));
      lines.push(...wrap(`Fix: ${safe(a.fix)}`, '    ').map((l) => `${p.dim}${l}${p.reset}`));
    }
    lines.push('');
  }
  const audit = result.audit;
  if (!audit) return lines;
  const present = audit.checked.filter((c) => c.found > 0);
  lines.push(...wrap(`Checked ${audit.checked.length} credential locations; present here: ${present.map((c) => `${safe(c.name)} (${c.found})`).join(', ') || 'none'}`, ''));
  if (audit.notRead.length > 0) {
    const names = audit.notRead.slice(0, 30).map((n) => safe(`~/${n.path}`));
    lines.push(...wrap(`Not read (caches and package stores, ${plural(audit.notRead.length, 'folder')}; --include-caches reads them): ${names.join(', ')}${audit.notRead.length > 30 ? ', …' : ''}`, ''));
  }
  const steps = firstSteps(result);
  if (steps.length > 0) {
    lines.push('', `${p.bold}Do these first:${p.reset}`);
    steps.forEach((s, i) => lines.push(...wrap(`${i + 1}. ${safe(s.title)} (${safe(s.where.slice(0, 3).join(', '))}${s.where.length > 3 ? ', …' : ''}): ${safe(s.fix)}`, '  ')));
  }
  lines.push('');
  return lines;
}
