import { fail, ok } from '../model/outcome.js';
import { quoteCsvField, quoteShell } from './quote.js';
import { EMPTY_FILE, lineBreakErrors, masksOf, withDestination, type RenderInput } from './rendering.js';
import type { Renderer } from './rendering.js';

/**
 * The plan as docker `--mount` values (fields CSV-quoted as docker reads them): a bind per mount,
 * then per mask an empty tmpfs over a folder or `/dev/null` over a file. Docker mounts in order
 * of depth, so a mask always lands on top of the mount it sits in. Shared by devcontainer.
 */
export function dockerMountSpecs(input: RenderInput, names: { source: string; target: string }): string[] {
  const spec = (fields: string[]) => fields.map(quoteCsvField).join(',');
  return [
    ...input.plan.mounts.map(withDestination(input)).map((m) =>
      spec(['type=bind', `${names.source}=${m.path}`, `${names.target}=${m.destination}`, ...(m.mode === 'ro' ? ['readonly'] : [])])),
    ...masksOf(input).map((m) => (m.kind === 'dir'
      ? spec(['type=tmpfs', `${names.target}=${m.destination}`])
      : spec(['type=bind', `${names.source}=${EMPTY_FILE}`, `${names.target}=${m.destination}`, 'readonly']))),
  ];
}

/** `docker run` flags, one `--mount` per line, each shell-quoted around a CSV-quoted spec. */
export const renderDocker: Renderer = (input) => {
  const errors = lineBreakErrors(input, 'docker');
  if (errors.length > 0) return fail(...errors);
  const flags = dockerMountSpecs(input, { source: 'src', target: 'dst' }).map((spec) => `--mount ${quoteShell(spec)}`);
  return ok({
    text: flags.length > 0 ? `${flags.join(' \\\n')}\n` : '',
    notes: ['Add these flags to `docker run` (e.g. docker run --rm -it <flags> IMAGE).'],
  });
};
