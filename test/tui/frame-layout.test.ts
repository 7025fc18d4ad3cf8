import { describe, expect, it } from 'vitest';
import { frameLayout } from '../../src/tui/frame-layout.js';

/** Rows the frame takes: title, summary, fixed rows, body, status, footer. */
const height = (l: ReturnType<typeof frameLayout>, fixed = 1) => 1 + l.summary + fixed + l.body + Number(l.isStatusShown) + Number(l.isFooterShown);

describe('frameLayout', () => {
  it('gives the body what is left, with one row spare', () => {
    expect(frameLayout(40, 3, false)).toEqual({ summary: 3, isStatusShown: false, isFooterShown: true, body: 33 });
    expect(height(frameLayout(40, 3, true))).toBe(39);
  });

  it('drops the summary details before the body falls under 3 rows, and keeps the verdict', () => {
    expect(frameLayout(10, 3, false)).toEqual({ summary: 3, isStatusShown: false, isFooterShown: true, body: 3 });
    expect(frameLayout(9, 3, false)).toEqual({ summary: 2, isStatusShown: false, isFooterShown: true, body: 3 });
    expect(frameLayout(7, 3, false)).toEqual({ summary: 1, isStatusShown: false, isFooterShown: true, body: 2 });
  });

  it('never makes a frame taller than the screen less one row, down to 4 rows', () => {
    for (let rows = 4; rows <= 60; rows++) {
      for (let summary = 1; summary <= 6; summary++) {
        for (const hasStatus of [false, true]) expect(height(frameLayout(rows, summary, hasStatus))).toBeLessThanOrEqual(rows - 1);
      }
    }
  });

  it('on a 4-row screen keeps the title, the verdict, the tab bar and one row of body', () => {
    expect(frameLayout(5, 4, true)).toEqual({ summary: 1, isStatusShown: false, isFooterShown: false, body: 1 });
  });
});
