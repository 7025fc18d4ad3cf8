import type { Severity } from '../model/severity.js';
import type { Verdict } from '../model/result.js';

/**
 * Semantic colour tokens: components name what a piece of text is (a blocking finding, a
 * muted hint), never a colour; the one table below says how each looks.
 */
export const TONES = ['block', 'review', 'info', 'go', 'muted', 'accent', 'plain'] as const;
export type Tone = (typeof TONES)[number];

export const THEME = {
  block: 'red',
  review: 'yellow',
  info: 'cyan',
  go: 'green',
  muted: 'gray',
  accent: 'cyan',
  plain: undefined,
} as const satisfies Record<Tone, string | undefined>;

export const SEVERITY_TONE = { block: 'block', review: 'review', info: 'info' } as const satisfies Record<Severity, Tone>;
export const SEVERITY_LABEL = { block: 'BLOCK', review: 'REVIEW', info: 'INFO' } as const satisfies Record<Severity, string>;
export const VERDICT_TEXT = {
  go: { label: 'GO', tone: 'go' },
  review: { label: 'REVIEW', tone: 'review' },
  incomplete: { label: 'INCOMPLETE', tone: 'review' },
  'no-go': { label: 'NO-GO', tone: 'block' },
} as const satisfies Record<Verdict, { label: string; tone: Tone }>;
