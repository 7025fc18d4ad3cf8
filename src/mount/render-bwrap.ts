import { ok } from '../model/outcome.js';
import { quoteShell } from './quote.js';
import { EMPTY_FILE, masksOf, withDestination, type RenderInput, type Renderer } from './rendering.js';

/**
 * bubblewrap's arguments for a plan, in order: `--ro-bind SRC DST` (or `--bind` for --rw) for
 * each mount, then each mask of a collapsed plan, which bwrap applies after the mounts it
 * covers: `--tmpfs DST` (an empty folder) over a folder, `--ro-bind /dev/null DST` over a file.
 */
export function bwrapArguments(input: RenderInput): string[][] {
  return [
    ...input.plan.mounts.map(withDestination(input)).map((m) => [m.mode === 'ro' ? '--ro-bind' : '--bind', m.path, m.destination]),
    ...masksOf(input).map((m) => (m.kind === 'dir' ? ['--tmpfs', m.destination] : ['--ro-bind', EMPTY_FILE, m.destination])),
  ];
}

/** bubblewrap arguments, shell-quoted, one mount or mask per line. */
export const renderBwrap: Renderer = (input) => {
  const lines = bwrapArguments(input).map((words) => words.map(quoteShell).join(' '));
  return ok({
    text: lines.length > 0 ? `${lines.join(' \\\n')}\n` : '',
    notes: ['Add these arguments to bwrap, after the system binds (e.g. --ro-bind /usr /usr --proc /proc --dev /dev).'],
  });
};
