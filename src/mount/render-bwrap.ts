import { ok } from '../model/outcome.js';
import { quoteShell } from './quote.js';
import { withDestination, type Renderer } from './rendering.js';

/** bubblewrap arguments: `--ro-bind SRC DST` (or `--bind` for --rw), shell-quoted, one per line. */
export const renderBwrap: Renderer = (input) => {
  const args = input.plan.mounts
    .map(withDestination(input))
    .map((m) => `${m.mode === 'ro' ? '--ro-bind' : '--bind'} ${quoteShell(m.path)} ${quoteShell(m.destination)}`);
  return ok({
    text: args.length > 0 ? `${args.join(' \\\n')}\n` : '',
    notes: ['Add these arguments to bwrap, after the system binds (e.g. --ro-bind /usr /usr --proc /proc --dev /dev).'],
  });
};
