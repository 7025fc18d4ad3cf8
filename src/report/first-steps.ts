import { ADVICE_TOPICS, type Advice, type AdviceTopic } from '../model/advice.js';
import type { Finding } from '../model/finding.js';
import type { ScanResult } from '../model/result.js';
import { SEVERITY_RANK, type Severity } from '../model/severity.js';

/** One thing to do: what, why, how, and where (display paths). */
export interface Step {
  severity: Severity | 'advice';
  title: string;
  why: string;
  fix: string;
  where: string[];
}

/** How a finding's place reads for a person: `~/…` in an audit, root-relative for one root. */
export function displayPath(result: Pick<ScanResult, 'roots' | 'audit'>, item: { root: string; path: string }): string {
  if (result.audit && item.root === result.audit.home) return item.path === '' ? '~' : `~/${item.path}`;
  if (result.roots.length > 1) return `${item.root}/${item.path}`;
  return item.path === '' ? item.root : item.path;
}

/** The first clause of a message, as a title: "SSH private key", "GitHub personal access token". */
export function titleOf(message: string): string {
  const first = message.split(/: |\. /)[0]!.trim();
  return first.length > 90 ? `${first.slice(0, 87)}…` : first;
}

/**
 * Findings of one rule and severity, worst first; catalog items (the audit's) before content
 * matches, in the catalog's order (`catalogOrder`: rule ids, first is most important).
 */
export function groupFindings(findings: readonly Finding[], catalogOrder: readonly string[] = []): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.ruleId}\0${f.severity}`;
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  // One severity per group (it is part of the key).
  const worst = (g: Finding[]) => SEVERITY_RANK[g[0]!.severity];
  const isCatalog = (g: Finding[]) => (g[0]!.ruleId.startsWith('audit-') ? 1 : 0);
  const place = (g: Finding[]) => {
    const i = catalogOrder.indexOf(g[0]!.ruleId);
    return i === -1 ? catalogOrder.length : i;
  };
  return [...groups.values()].sort((a, b) => worst(b) - worst(a) || isCatalog(b) - isCatalog(a) || place(a) - place(b) || b.length - a.length);
}

/** Advice grouped by topic, in the order of ADVICE_TOPICS. */
export function groupAdvice(advice: readonly Advice[]): [AdviceTopic, Advice[]][] {
  return (Object.keys(ADVICE_TOPICS) as AdviceTopic[]).map((topic) => [topic, advice.filter((a) => a.topic === topic)] as [AdviceTopic, Advice[]]).filter(([, list]) => list.length > 0);
}

/** The few things to do first: the worst findings by rule, then advice, `count` in all. */
export function firstSteps(result: ScanResult, count = 3): Step[] {
  const steps: Step[] = [];
  const catalogOrder = (result.audit?.checked ?? []).map((c) => `audit-${c.id}`);
  for (const group of groupFindings(result.findings.filter((f) => f.severity !== 'info'), catalogOrder)) {
    const worst = group.reduce((a, b) => (SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity] ? b : a));
    steps.push({ severity: worst.severity, title: titleOf(worst.message), why: worst.message, fix: worst.remediation, where: [...new Set(group.map((f) => displayPath(result, f)))] });
  }
  for (const [topic, list] of groupAdvice(result.advice ?? [])) {
    steps.push({ severity: 'advice', title: ADVICE_TOPICS[topic], why: list[0]!.message, fix: list[0]!.fix, where: [...new Set(list.map((a) => displayPath(result, a)))] });
  }
  return steps.slice(0, count);
}
