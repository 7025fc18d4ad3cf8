import type { Severity } from '../../model/severity.js';
import type { MatchPosition } from './position.js';
import type { FilePurpose } from './purpose.js';
import type { Strength } from './strength.js';

/** A severity the context stage settled on, and why it differs from the rule's (when it does). */
export interface Weighed {
  severity: Severity;
  reason?: string;
}

const REVIEW_POSITIONS: Partial<Record<MatchPosition, string>> = {
  comment: 'in a comment',
  docstring: 'in a docstring',
  'fenced-code': 'in a code sample of prose',
  prose: 'in documentation',
};

const REVIEW_PURPOSES: Partial<Record<FilePurpose, string>> = {
  documentation: 'in documentation',
  test: 'in a test fixture',
  lockfile: 'in a lockfile',
  generated: 'in generated or vendored code',
};

/**
 * The severity policy. Structured credentials and path-gated rules keep the rule's severity
 * everywhere. A provider's context match drops to REVIEW in documentation, comments and test
 * fixtures. A generic match is REVIEW unless it stands in code of a configuration file, where it
 * takes the rule's `severity_in_config` (generic rules are written as REVIEW and say BLOCK
 * there), or else the rule's own severity. Only BLOCK and REVIEW move; INFO stays INFO.
 */
export function weigh(severity: Severity, strength: Strength, purpose: FilePurpose, position: MatchPosition, inConfig: Severity = severity): Weighed {
  if (strength === 'structured' || strength === 'fixed' || severity === 'info') return { severity };
  const why = REVIEW_PURPOSES[purpose] ?? REVIEW_POSITIONS[position];
  // The reason is told even when the rule already said REVIEW: it is why the value weighs little.
  if (why !== undefined) return { severity: 'review', reason: why };
  if (strength === 'provider') return { severity };
  if (purpose === 'configuration') return { severity: inConfig };
  return severity === 'block' ? { severity: 'review', reason: 'not in a configuration file' } : { severity };
}
