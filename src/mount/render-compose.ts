import { stringify } from 'yaml';
import { ok } from '../model/outcome.js';
import { EMPTY_FILE, masksOf, withDestination, type Renderer } from './rendering.js';

/** Compose interpolates `$VAR` and `${VAR}` in every value; `$$` is a literal `$`. */
const escapeCompose = (value: string) => value.replaceAll('$', '$$$$');

/**
 * A `volumes:` block in the long syntax (no `:` ambiguity), read-only unless --rw, and
 * `create_host_path: false` so that a missing source fails instead of becoming an empty folder.
 * A collapsed plan's masks follow: an empty tmpfs over a folder, /dev/null over a file (the
 * engine mounts in order of depth, so each lands on top of the bind it sits in).
 */
export const renderCompose: Renderer = (input) => {
  const bind = (source: string, target: string, isReadOnly: boolean) => ({
    type: 'bind',
    source: escapeCompose(source),
    target: escapeCompose(target),
    read_only: isReadOnly,
    bind: { create_host_path: false },
  });
  const volumes = [
    ...input.plan.mounts.map(withDestination(input)).map((m) => bind(m.path, m.destination, m.mode === 'ro')),
    ...masksOf(input).map((m) => (m.kind === 'dir' ? { type: 'tmpfs', target: escapeCompose(m.destination) } : bind(EMPTY_FILE, m.destination, true))),
  ];
  const masks = input.plan.masks?.length ?? 0;
  const header = [
    '# airlock mount plan: put this under your service in compose.yaml',
    ...(masks > 0 ? [`# Each folder is mounted whole; the last ${masks} entries hide what airlock flagged in it (tmpfs over a folder, /dev/null over a file).`] : []),
  ];
  return ok({
    text: `${header.join('\n')}\n${stringify({ volumes }, { lineWidth: 0 })}`,
    notes: ['Paste the volumes: block under your service (services: <name>:) in compose.yaml.'],
  });
};
