import type { Category } from '../model/categories.js';
import type { Severity } from '../model/severity.js';

/**
 * How a location's entries are judged (a closed set; `probes.ts` has one function for each):
 * - `present`: being there is the finding (a token cache, a browser store, a wallet);
 * - `private-key`: a key file, judged by its header: no passphrase is worse than a passphrase;
 * - `gpg-keys`: a GnuPG private-keys folder, judged by whether its keys are protected;
 * - `literal-secret`: a file whose lines may hold a literal secret (`secret` says which lines);
 *   a reference such as `${NPM_TOKEN}` is not one;
 * - `docker-auths`: Docker's config.json: `auths` holding credentials, not a credential helper.
 */
export const PROBES = ['present', 'private-key', 'gpg-keys', 'literal-secret', 'docker-auths'] as const;
export type Probe = (typeof PROBES)[number];

/** One place credentials live on a developer machine. Plain data: `locations/*.ts`. */
export interface Location {
  /** Kebab-case; findings carry `audit-<id>` as their rule id. */
  id: string;
  /** What the user knows it as, e.g. "AWS access keys". */
  name: string;
  /**
   * Home-relative paths. `*` matches within one name (any segment may have one); a path
   * ending in `/` names a folder, judged as a whole.
   */
  paths: readonly string[];
  category: Category;
  probe: Probe;
  /** The severity when the probe finds what it looks for. */
  severity: Severity;
  /** `literal-secret`: a line holding a literal secret (JavaScript regex source, flags `im`). */
  secret?: string;
  /** What it gives whoever reads it. */
  grants: string;
  /** What to do about it. */
  fix: string;
}
