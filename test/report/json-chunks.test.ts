import { describe, expect, it } from 'vitest';
import { jsonChunks, JsonList } from '../../src/report/json.js';
import { gathered } from '../../src/report/pieces.js';

const finding = (i: number) => ({ ruleId: 'github-pat', path: `batch/${i}.txt`, line: i, secret: 'ghp_…', note: undefined, locations: i % 7 === 0 ? [{ path: `copy/${i}`, line: 2 }] : undefined });

describe('JSON written in pieces', () => {
  it.each([
    ['a long list one level down', { version: 2, findings: Array.from({ length: 5000 }, (_, i) => finding(i)), empty: [], none: {}, stats: { files: 1 } }],
    ['long lists four levels down, beside short ones', { runs: [{ tool: { name: 'x' }, results: Array.from({ length: 300 }, (_, i) => finding(i)), tags: ['a', 'b'] }] }],
    ['what JSON cannot hold: left out of objects, null in arrays', { list: Array.from({ length: 100 }, (_, i) => [undefined, () => i, Symbol('s'), i][i % 4]), skipped: undefined, f: () => 1 }],
    ['values with toJSON, and strings with newlines and quotes', { when: new Date(0), items: Array.from({ length: 80 }, (_, i) => `line ${i}\nnext "quoted" \\ ${'é'.repeat(i % 3)}`) }],
    ['a long list deeper than pieces are looked for', { a: { b: { c: { d: { e: { f: Array.from({ length: 200 }, (_, i) => i) } } } } } }],
    ['a short document', { version: 2, findings: [finding(1)], plan: { mounts: [] } }],
  ])('%s: the same text as JSON.stringify(value, null, 2)', (_, value) => {
    expect([...jsonChunks(value)].join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it('gives a long list out in pieces of some 64 KiB, never one string', () => {
    const document = { version: 2, findings: Array.from({ length: 50_000 }, (_, i) => finding(i)) };
    const pieces = [...jsonChunks(document)];
    const whole = `${JSON.stringify(document, null, 2)}\n`;
    expect(pieces.join('')).toBe(whole);
    expect(pieces.length).toBeGreaterThan(whole.length / 70_000);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(70_000);
  });

  it('writes a lazy list item by item, as it is read, with the same text as the list held whole', () => {
    let made = 0;
    function* results() {
      for (let i = 0; i < 20_000; i++) {
        made++;
        yield finding(i);
      }
    }
    const pieces = jsonChunks({ runs: [{ results: new JsonList(results()) }] });
    const first = pieces.next().value as string;
    // The first piece is out before most results are made.
    expect(made).toBeLessThan(1000);
    const text = first + [...pieces].join('');
    expect(made).toBe(20_000);
    const held = { runs: [{ results: Array.from({ length: 20_000 }, (_, i) => finding(i)) }] };
    expect(text).toBe(`${JSON.stringify(held, null, 2)}\n`);
  });

  it('gathers small pieces into strings of about the size asked, losing none', () => {
    const parts = Array.from({ length: 1000 }, (_, i) => `${i},`);
    const out = [...gathered(parts, 100)];
    expect(out.join('')).toBe(parts.join(''));
    expect(out.length).toBeGreaterThan(20);
    expect(out.slice(0, -1).every((p) => p.length >= 100 && p.length < 110)).toBe(true);
  });
});
