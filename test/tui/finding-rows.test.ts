import { describe, expect, it } from 'vitest';
import { findingPane } from '../../src/tui/findings-lines.js';
import { findingRows, folderOf } from '../../src/tui/finding-rows.js';
import { allLines, lineText, visibleLines, windowStart, wrapText } from '../../src/tui/line.js';
import { finding, scanResult } from './scan-result.js';

const HOSTILE = 'app/\x1b[2J\x1b[32mGO\x1b[0m\n\u202e.txt';

describe('findingRows', () => {
  it('groups each root by folder, then file, in folder order, and shows clean roots', () => {
    const result = scanResult({
      roots: ['/a', '/b'],
      findings: [finding('/a', 'z/deep/x.env'), finding('/a', 'top.env'), finding('/a', 'm/y.env'), finding('/a', 'm/y.env', { ruleId: 'other' })],
    });
    const rows = findingRows(result).map((r) => (r.kind === 'root' ? `root ${r.root} ${r.count}` : r.kind === 'folder' ? `folder ${r.folder} ${r.count}` : r.kind === 'file' ? `file ${r.path}` : `finding ${r.finding.ruleId}`));
    expect(rows).toEqual(['root /a 4', 'file top.env', 'finding fake-token', 'folder m 2', 'file m/y.env', 'finding fake-token', 'finding other', 'folder z/deep 1', 'file z/deep/x.env', 'finding fake-token', 'root /b 0']);
  });

  it('knows the folder of a path', () => {
    expect(folderOf('a/b/c.txt')).toBe('a/b');
    expect(folderOf('c.txt')).toBe('');
  });
});

describe('findingPane', () => {
  it('escapes hostile names and shows the masked secret, rule, place and fix when expanded', () => {
    const result = scanResult({ findings: [finding('/r', HOSTILE, { secret: 'ghp_…\x1b[31m' })] });
    const rows = findingRows(result);
    const row = rows[3];
    if (row?.kind !== 'finding') throw new Error('row 3 should be the finding');
    const pane = findingPane(rows, new Set([row.key]), 3, 100);
    const lines = allLines(pane);
    const text = lines.map(lineText).join('\n');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(text).toContain('\\x1b[2J\\x1b[32mGO\\x1b[0m\\x0a\\u202e.txt');
    expect(text).toContain('ghp_…\\x1b[31m');
    expect(text).toContain('rule: fake-token · category: token · severity: block');
    expect(text).toContain('line 3:7');
    expect(text).toContain('fix: Rotate the fake token.');
    expect([...pane.rowStart]).toEqual([0, 1, 2, 3]);
    expect(lines[3]!.isSelected).toBe(true);
  });
});

describe('the findings pane, made a window at a time', () => {
  const many = (n: number) => findingRows(scanResult({ findings: Array.from({ length: n }, (_, i) => finding('/r', `d${i % 50}/f${i}.env`, { line: 1 + (i % 3) })) }));

  it('shows in its window exactly the lines the whole pane holds there, with findings expanded above, at and below the cursor', () => {
    const rows = many(300);
    const findingKeys = rows.filter((r) => r.kind === 'finding').map((r) => r.key);
    const expanded = new Set([findingKeys[0]!, findingKeys[120]!, findingKeys[121]!, findingKeys[299]!]);
    for (const cursor of [0, 1, 150, 160, rows.length - 1]) {
      const pane = findingPane(rows, expanded, cursor, 60);
      const whole = allLines(pane);
      expect(whole).toHaveLength(pane.count);
      const start = windowStart(pane.count, pane.focus, 20);
      expect(visibleLines(pane, 20)).toEqual(whole.slice(start, start + 20));
      expect(whole[pane.focus]!.isSelected).toBe(true);
    }
  });

  it('lays out only the rows on screen: 200,000 findings, one key, some forty rows made', () => {
    const rows = many(200_000);
    let asked = 0;
    const marks = { acceptedBy: () => void asked++, choiceOf: () => undefined };
    const pane = findingPane(rows, new Set(), rows.length - 1, 100, marks);
    expect(pane.count).toBe(rows.length);
    const shown = visibleLines(pane, 40);
    expect(shown).toHaveLength(40);
    expect(lineText(shown.at(-1)!)).toContain('fake-token:');
    expect(shown.at(-1)!.isSelected).toBe(true);
    // rowLine asks about acceptance once per finding row it makes.
    expect(asked).toBeLessThanOrEqual(40);
  });
});

describe('line helpers', () => {
  it('wraps at spaces and cuts words longer than the width', () => {
    expect(wrapText('aaa bbb ccc', 8)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('abcdefghijkl', 8)).toEqual(['abcdefgh', 'ijkl']);
  });

  it('scrolls a window to keep the focused line in view', () => {
    expect(windowStart(5, 4, 10)).toBe(0);
    expect(windowStart(100, 0, 10)).toBe(0);
    expect(windowStart(100, 50, 9)).toBe(47);
    expect(windowStart(100, 99, 10)).toBe(90);
  });
});
