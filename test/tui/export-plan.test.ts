import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportPlan } from '../../src/tui/export-plan.js';
import { makeTree } from '../helpers/project-tree.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { finding, scanResult } from './scan-result.js';

/** A real folder of 60 clean packages and a flagged .env: the split plan has 60 mounts. */
function bigResult() {
  const entries: Record<string, string> = { '.env': 'T=x\n' };
  for (let i = 0; i < 60; i++) entries[`pkg-${i}/index.js`] = `${i}\n`;
  const root = makeTree(join(useTempDir('airlock-export-'), 'home'), entries);
  return { root, result: scanResult({ roots: [root], verdict: 'no-go', findings: [finding(root, '.env')] }) };
}

describe('the TUI export', () => {
  it('collapses a plan too large to read for a target that can mask, as `airlock plan` does', () => {
    const { root, result } = bigResult();
    const exported = exportPlan(result, 'bwrap', []);
    if (!exported.ok) throw new Error(exported.errors.join('\n'));
    expect(exported.value.rendering.text).toBe(`--ro-bind ${root} /workspace/home \\\n--ro-bind /dev/null /workspace/home/.env\n`);
    expect(exported.value.rendering.notes).toContain('collapsed from 60 mounts: each folder mounted whole, 1 flagged path(s) masked');
  });

  it('keeps it split for a target that cannot (Cowork)', () => {
    const { result } = bigResult();
    const exported = exportPlan(result, 'cowork', []);
    if (!exported.ok) throw new Error(exported.errors.join('\n'));
    expect(exported.value.plan.mounts).toHaveLength(60);
    expect(exported.value.plan.masks).toBeUndefined();
  });
});
