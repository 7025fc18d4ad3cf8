import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emptyHistoryState } from '../../src/pipeline/history-state.js';
import { settleHistory, trackedAmong, type HistoryRun, type QueuedHistory, type TrackedBudget } from '../../src/pipeline/scan-history.js';

/** A settled-to-be history of `count` tracked files, listed as `oid NUL path NUL`. */
function historyOf(count: number): { history: QueuedHistory; paths: string[] } {
  const paths = Array.from({ length: count }, (_, i) => `src/module-${i}/file ${i}.ts`);
  const tracked = paths.map((path) => `${randomBytes(20).toString('hex')}\0${path}\0`).join('');
  const history: QueuedHistory = { directory: { root: '/home/dev', gitDir: '/home/dev/app/.git' }, at: { gitDir: '/home/dev/app/.git' }, prefix: 'app/', tracked, orderOf: () => undefined };
  return { history, paths };
}

const runOf = (): HistoryRun => ({ state: emptyHistoryState(''), isSaveable: true, isUnchanged: false, read: 0, reused: 0, orderOf: () => undefined, pending: 0 });

describe("settled histories' tracked lists", () => {
  it('are kept as they are within the budget, deflated past it, and give the same paths either way', () => {
    const budget: TrackedBudget = { charsLeft: 0 };
    const first = historyOf(500);
    budget.charsLeft = (first.history.tracked as string).length;
    const second = historyOf(300);
    const secondLength = (second.history.tracked as string).length;
    settleHistory(first.history, runOf(), [], budget);
    settleHistory(second.history, runOf(), [], budget);
    // The first fills the budget exactly; the second is past it.
    expect(typeof first.history.tracked).toBe('string');
    expect(budget.charsLeft).toBe(0);
    expect(Buffer.isBuffer(second.history.tracked)).toBe(true);
    expect((second.history.tracked as Buffer).length).toBeLessThan(secondLength);
    const isFlagged = (path: string) => /[05]\.ts$/.test(path);
    for (const { history, paths } of [first, second]) {
      expect(trackedAmong(history, isFlagged)).toEqual(paths.map((path) => `app/${path}`).filter(isFlagged));
    }
  });
});
