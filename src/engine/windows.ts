import type { CompiledRule } from '../model/rule.js';
import { findHits, meetsRequires, type Hit, type Veto } from './match-content.js';
import type { KeywordHits } from './prefilter.js';

/**
 * Running an anchored rule only around its keywords. In a large file a rule whose keyword
 * occurs a few times need not read the megabytes between; any doubt (a keyword too frequent,
 * a match at a window's edge) falls back to the whole text, so the result is the same.
 */
export const WINDOW = {
  /** Smaller texts are matched whole: windows would save nothing. */
  minTextLength: 64 * 1024,
  before: 2048,
  after: 32 * 1024,
  /** A hit this close to a window's edge may be cut short or lack context: rerun whole. */
  edge: 512,
} as const;

/** The spans to match a rule in, or undefined for the whole text. */
export function windowsFor(rule: CompiledRule, hits: KeywordHits, textLength: number): [number, number][] | undefined {
  if (!rule.content?.isAnchored || textLength < WINDOW.minTextLength) return undefined;
  const starts: number[] = [];
  for (const keyword of rule.content.keywords) {
    if (!hits.has(keyword)) continue;
    if (hits.dense.has(keyword)) return undefined;
    starts.push(...(hits.positions.get(keyword) ?? []));
  }
  starts.sort((a, b) => a - b);
  const windows: [number, number][] = [];
  for (const start of starts) {
    const from = Math.max(0, start - WINDOW.before);
    const to = Math.min(textLength, start + WINDOW.after);
    const last = windows.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else windows.push([from, to]);
  }
  return windows;
}

/** A rule's hits in a text, matched only inside `windows` when given. */
export function findHitsAround(text: string, rule: CompiledRule, windows: [number, number][] | undefined, vetoes: Veto[]): Hit[] {
  if (!windows) return findHits(text, rule, vetoes);
  // `requires` speaks of the whole file, not of a window.
  if (!meetsRequires(text, rule)) return [];
  const hits: Hit[] = [];
  const found: Veto[] = [];
  for (const [from, to] of windows) {
    const local: Veto[] = [];
    for (const hit of findHits(text.slice(from, to), rule, local, true)) {
      const isNearStart = from > 0 && hit.index < WINDOW.edge;
      const isNearEnd = to < text.length && hit.index + hit.secret.length > to - from - WINDOW.edge;
      if (isNearStart || isNearEnd) return findHits(text, rule, vetoes);
      hits.push({ ...hit, index: hit.index + from });
    }
    for (const veto of local) found.push({ start: veto.start + from, end: veto.end + from });
  }
  vetoes.push(...found);
  return hits;
}
