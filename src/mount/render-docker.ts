import { fail, ok } from '../model/outcome.js';
import { quoteCsvField, quoteShell } from './quote.js';
import { lineBreakErrors, withDestination, type Renderer } from './rendering.js';

/** `docker run` flags, one `--mount` per line, each shell-quoted around a CSV-quoted spec. */
export const renderDocker: Renderer = (input) => {
  const errors = lineBreakErrors(input, 'docker');
  if (errors.length > 0) return fail(...errors);
  const flags = input.plan.mounts.map(withDestination(input)).map((m) => {
    const fields = ['type=bind', `src=${m.path}`, `dst=${m.destination}`, ...(m.mode === 'ro' ? ['readonly'] : [])];
    return `--mount ${quoteShell(fields.map(quoteCsvField).join(','))}`;
  });
  return ok({
    text: flags.length > 0 ? `${flags.join(' \\\n')}\n` : '',
    notes: ['Add these flags to `docker run` (e.g. docker run --rm -it <flags> IMAGE).'],
  });
};
