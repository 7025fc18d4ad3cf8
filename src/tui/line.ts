import type { Tone } from './theme.js';

/**
 * One screen line as data: segments of text, each with a tone. Panes turn state into lines
 * (pure, tested without a terminal); `<Lines>` draws them, one terminal row each.
 * Every untrusted string is escaped before it becomes a segment.
 */
export interface Segment {
  text: string;
  tone?: Tone;
  isBold?: boolean;
}

export interface Line {
  key: string;
  segments: Segment[];
  isSelected?: boolean;
}

export const seg = (text: string, tone?: Tone, isBold?: boolean): Segment => ({ text, ...(tone ? { tone } : {}), ...(isBold ? { isBold } : {}) });

export const lineText = (line: Line): string => line.segments.map((s) => s.text).join('');

/** Breaks text into pieces of at most `width` columns at spaces (a longer word is cut). */
export function wrapText(text: string, width: number): string[] {
  const max = Math.max(width, 8);
  const pieces: string[] = [];
  let current = '';
  for (const word of text.split(/ +/)) {
    let rest = word;
    while (rest.length > max) {
      if (current) pieces.push(current);
      current = '';
      pieces.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    if (current && current.length + 1 + rest.length > max) {
      pieces.push(current);
      current = rest;
    } else current = current ? `${current} ${rest}` : rest;
  }
  if (current) pieces.push(current);
  return pieces.length > 0 ? pieces : [''];
}

/**
 * A pane's lines, each made when asked for: a list of 200,000 findings is not laid out whole on
 * every key, only the window on screen. `focus` is the cursor's line.
 */
export interface PaneLines {
  count: number;
  focus: number;
  at: (index: number) => Line;
}

/** Every line of a pane, made (for tests and small panes). */
export const allLines = (pane: PaneLines): Line[] => Array.from({ length: pane.count }, (_, i) => pane.at(i));

/** The lines of a pane `height` rows high, scrolled to keep its focus in view. */
export function visibleLines(pane: PaneLines, height: number): Line[] {
  const start = windowStart(pane.count, pane.focus, height);
  return Array.from({ length: Math.max(0, Math.min(height, pane.count - start)) }, (_, i) => pane.at(start + i));
}

/** The first index of a window of `height` lines that keeps line `focus` in view, centred when it can. */
export function windowStart(total: number, focus: number, height: number): number {
  if (total <= height) return 0;
  return Math.max(0, Math.min(focus - Math.floor(height / 3), total - height));
}
