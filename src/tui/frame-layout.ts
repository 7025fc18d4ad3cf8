/**
 * How the rows of the terminal are shared, pure. The frame must never be taller than the screen:
 * a terminal scrolls a frame one row too tall, and the title and the verdict (its first rows)
 * are what scroll away. So the body gets what is left, and on a very short screen the lines
 * that matter least go first: the summary's details, then the status and the key hints; the
 * title, the verdict and the tab bar stay while there is a row for them.
 */
export interface FrameLayout {
  /** How many of the summary's lines to show (the first is the verdict). */
  summary: number;
  isStatusShown: boolean;
  isFooterShown: boolean;
  /** Rows for the pane (findings, plan, target list, help). */
  body: number;
}

/** The body keeps this many rows before the summary's details give theirs up. */
const BODY_WANTED = 3;

/**
 * `rows`: the terminal's height; `summaryLines`: how many the summary has (verdict first);
 * `hasStatus`: a status or error line is to be shown; `fixed`: rows always drawn besides the
 * title and the body (the tab bar: 1; the target list's heading: 1).
 */
export function frameLayout(rows: number, summaryLines: number, hasStatus: boolean, fixed = 1): FrameLayout {
  // One row spare: writing the last row of the screen can scroll it.
  const available = Math.max(rows - 1, 1);
  let verdict = Math.min(summaryLines, 1);
  let extras = Math.max(summaryLines - 1, 0);
  let isStatusShown = hasStatus;
  let isFooterShown = true;
  const bodyOf = () => available - 1 - verdict - extras - fixed - Number(isStatusShown) - Number(isFooterShown);
  while (bodyOf() < BODY_WANTED && extras > 0) extras -= 1;
  if (bodyOf() < 1) isFooterShown = false;
  if (bodyOf() < 1) isStatusShown = false;
  if (bodyOf() < 1) verdict = 0;
  return { summary: verdict + extras, isStatusShown, isFooterShown, body: Math.max(bodyOf(), 1) };
}
