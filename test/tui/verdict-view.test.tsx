import { render } from 'ink-testing-library';
import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import type { Skipped, Suppressed } from '../../src/model/finding.js';
import { HelpView } from '../../src/tui/help-view.js';
import { ScanningView } from '../../src/tui/scanning-view.js';
import { COMMANDS } from '../../src/tui/keys.js';
import { VerdictView } from '../../src/tui/verdict-view.js';
import { finding, scanResult } from './scan-result.js';

const suppressed = (by: string, path: string): Suppressed => ({ fingerprint: `fp-${path}`, path, by, root: '/r', ruleId: 'fake-token', severity: 'block' });
const tooLarge: Skipped = { root: '/r', path: 'big.bin', reason: 'too-large', detail: '4096 bytes' };
const special: Skipped = { root: '/r', path: 'fifo', reason: 'not-regular-file', detail: 'FIFO' };

/** The frame ink draws, without colours. */
const frameOf = (node: React.ReactElement) => {
  const { lastFrame, unmount } = render(node);
  const frame = lastFrame() ?? '';
  unmount();
  return frame;
};

describe('VerdictView', () => {
  it('shows GO with counts on a clean, complete scan', () => {
    const frame = frameOf(<VerdictView result={scanResult()} />);
    expect(frame).toBe('GO  0 blocking, 0 to review');
  });

  it('shows NO-GO, INCOMPLETE with the count of items not scanned, and the skipped items', () => {
    const result = scanResult({ verdict: 'no-go', isComplete: false, findings: [finding('/r', 'a.env'), finding('/r', 'b.txt', { severity: 'review' })], skipped: [tooLarge, special] });
    const lines = frameOf(<VerdictView result={result} />).split('\n');
    expect(lines[0]).toBe('NO-GO  INCOMPLETE: 1 item not scanned  1 blocking, 1 to review');
    expect(lines[1]).toBe('1 item not scanned (1 too-large)');
    expect(lines[2]).toBe('1 item never opened (FIFOs, sockets, devices)');
  });

  it('never shows an incomplete scan as GO: its verdict is INCOMPLETE', () => {
    const frame = frameOf(<VerdictView result={scanResult({ verdict: 'incomplete', isComplete: false, skipped: [tooLarge] })} />);
    expect(frame.split('\n')[0]).toBe('INCOMPLETE  1 item not scanned  0 blocking, 0 to review');
    const coloured = renderToString(<VerdictView result={scanResult({ verdict: 'incomplete', isComplete: false, skipped: [tooLarge] })} />);
    expect(coloured).not.toContain('\x1b[32m');
  });

  it('counts suppressed findings by their source, escaping the source', () => {
    const result = scanResult({
      suppressed: [suppressed('/r/app/.airlockallow', 'a'), suppressed('/r/app/.airlockallow', 'b'), suppressed('/r/app/.airlockallow', 'c'), suppressed('/tmp/list\x1b[2J.txt', 'd')],
    });
    const lines = frameOf(<VerdictView result={result} />).split('\n');
    expect(lines).toEqual(['GO  0 blocking, 0 to review, 4 suppressed', '3 suppressed by /r/app/.airlockallow', '1 suppressed by /tmp/list\\x1b[2J.txt']);
  });
});

describe('VerdictView on a narrow terminal', () => {
  it('puts the counts right after the verdict, in short words, when the full line does not fit', () => {
    const result = scanResult({ verdict: 'no-go', isComplete: false, findings: [finding('/r', 'a.env'), finding('/r', 'b.txt', { severity: 'review' })], skipped: [tooLarge] });
    expect(frameOf(<VerdictView result={result} width={30} count={1} />)).toBe('NO-GO 1 unread, 1 block, 1 review');
    expect(frameOf(<VerdictView result={result} width={80} count={1} />)).toBe('NO-GO  INCOMPLETE: 1 item not scanned  1 blocking, 1 to review');
  });
});

describe('HelpView', () => {
  it('lists every command of the key table with its help', () => {
    const frame = renderToString(<HelpView />, { columns: 200 });
    for (const binding of Object.values(COMMANDS)) expect(frame).toContain(binding.help);
  });
});

describe('ScanningView', () => {
  it('shows the roots (escaped), files, bytes and bytes per second', () => {
    const frame = frameOf(<ScanningView roots={['/home/me/app', '/tmp/evil\x1b[2J']} progress={{ files: 1500, bytes: 3 * 1024 * 1024, elapsedMs: 2000 }} />);
    expect(frame.split('\n')).toEqual(['Scanning…', '  /home/me/app', '  /tmp/evil\\x1b[2J', '1,500 files · 3.0 MB · 1.5 MB/s']);
  });

  it('while history is read, counts its blobs and keeps a byte rate that does not fall to 0 as if stalled', () => {
    const frame = frameOf(<ScanningView roots={['/r']} progress={{ files: 12, historyBlobs: 48_000, bytes: 200 * 1024 * 1024, elapsedMs: 20_000 }} />);
    expect(frame.split('\n')[2]).toBe('12 files · 48,000 history blobs · 200.0 MB · 10.0 MB/s');
  });
});
