import { ok } from '../model/outcome.js';
import { escapeForTerminal as safe } from '../report/escape.js';
import { EXCLUSION_CAUSES } from './causes.js';
import type { Renderer } from './rendering.js';

/** Cowork shares whole folders, chosen in the Claude desktop app: the steps, in plain words. */
export const renderCowork: Renderer = (input) => {
  const { plan } = input;
  const split = plan.roots.filter((root) => !plan.mounts.some((m) => m.root === root && m.rel === ''));
  const flagged = plan.excluded.filter((e) => EXCLUSION_CAUSES[e.cause].isFlagged || e.cause === 'unlistable');
  const leftOut = plan.excluded.filter((e) => !flagged.includes(e));
  const lines: string[] = [];
  if (plan.mounts.length === 0) {
    lines.push('Nothing here is safe to share with Cowork: every folder holds something flagged.');
  } else {
    lines.push(
      'In the Claude desktop app:',
      '  1. Start a Cowork task.',
      `  2. When it asks which folder to work in, add ${plan.mounts.length === 1 ? 'this folder' : `these ${plan.mounts.length} folders, one at a time`}:`,
      ...plan.mounts.map((m) => `       ${safe(m.path)}`),
    );
    if (split.length > 0) {
      lines.push(`  3. Do not add ${split.length === 1 ? 'this folder' : 'these folders'}, nor any folder above ${split.length === 1 ? 'it' : 'them'}; that would share what is left out below:`);
      lines.push(...split.map((root) => `       ${safe(root)}`));
    }
  }
  if (flagged.length > 0) lines.push('', 'Left out, never to be shared:', ...flagged.map((e) => `  ${safe(e.path)} — ${safe(e.reason)}`));
  if (leftOut.length > 0) {
    lines.push('', 'Left out because Cowork shares folders only (copy what you need into a shared folder, or use `airlock stage`):');
    lines.push(...leftOut.map((e) => `  ${safe(e.path)} — ${safe(e.reason)}`));
  }
  if (plan.mounts.length > 0) lines.push('', 'Cowork can read and change every file in the folders you add; it has no read-only choice.');
  return ok({ text: `${lines.join('\n')}\n`, notes: [] });
};
