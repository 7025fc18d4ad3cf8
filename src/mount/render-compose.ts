import { stringify } from 'yaml';
import { ok } from '../model/outcome.js';
import { withDestination, type Renderer } from './rendering.js';

/** Compose interpolates `$VAR` and `${VAR}` in every value; `$$` is a literal `$`. */
const escapeCompose = (value: string) => value.replaceAll('$', '$$$$');

/**
 * A `volumes:` block in the long syntax (no `:` ambiguity), read-only unless --rw, and
 * `create_host_path: false` so that a missing source fails instead of becoming an empty folder.
 */
export const renderCompose: Renderer = (input) => {
  const volumes = input.plan.mounts.map(withDestination(input)).map((m) => ({
    type: 'bind',
    source: escapeCompose(m.path),
    target: escapeCompose(m.destination),
    read_only: m.mode === 'ro',
    bind: { create_host_path: false },
  }));
  const header = '# airlock mount plan: put this under your service in compose.yaml\n';
  return ok({
    text: `${header}${stringify({ volumes }, { lineWidth: 0 })}`,
    notes: ['Paste the volumes: block under your service (services: <name>:) in compose.yaml.'],
  });
};
