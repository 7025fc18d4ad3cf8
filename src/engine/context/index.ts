/**
 * The context stage, shared by every rule source (our rules, decoded base64 values, secretlint):
 * whether a matched value is plausible at all, and how much it weighs given what the file is
 * for and where in it the value stands. Pure: path, text and hit in, a judgement out.
 */
import type { Severity } from '../../model/severity.js';
import { weigh } from './policy.js';
import { isNotCredential } from './not-credential.js';
import { implausible } from './plausible.js';
import { matchPosition } from './position.js';
import { filePurpose } from './purpose.js';
import { isDataRule, strengthOf, type RuleFacts } from './strength.js';

export { factsOf, secretlintFacts, type RuleFacts } from './strength.js';
export { filePurpose, type FilePurpose } from './purpose.js';
export { isKnownPublicExample, KNOWN_PUBLIC_EXAMPLES } from './known-examples.js';
export { decodedText } from './plausible.js';
export { isToyJwt } from './jwt.js';

export interface ContextHit {
  facts: RuleFacts;
  /** The rule's own severity. */
  severity: Severity;
  /** Where the value stands in the file's text (for a decoded value: where its encoding starts). */
  index: number;
  secret: string;
  /** Found inside a decoded value: its surroundings in the text are the encoding's, not its own. */
  isDecoded?: boolean;
  /** Shaped like the rule's token but failing its checksum (told as INFO). */
  isChecksumFailure?: boolean;
}

/** What the stage decided: the severity to report and, when lowered, why (`in documentation`). */
export interface Judgement {
  severity: Severity;
  reason?: string;
}

/** A judge for the hits of one file: its purpose is read once. Undefined means "not a finding". */
export function contextFor(path: string, text: string): (hit: ContextHit) => Judgement | undefined {
  const purpose = filePurpose(path);
  return (hit) => {
    // A made-up token is told where someone may be testing with one, not in a guide that shows
    // a broken key on purpose.
    if (hit.isChecksumFailure && purpose === 'documentation') return undefined;
    const before = hit.isDecoded ? '' : text.slice(Math.max(0, text.lastIndexOf('\n', hit.index - 1) + 1, hit.index - 120), hit.index);
    const strength = strengthOf(hit.facts, hit.secret);
    // secretlint's provider rules take loose shapes (`xoxb-1234`); ours state each token's length.
    const isLooseToken = hit.facts.id.startsWith('secretlint/') && strength !== 'generic';
    // Data rules judge their own values with validators: a table header's `<t>` cells or a
    // document's marking are not placeholders.
    if (!isDataRule(hit.facts) && implausible(hit.secret, path, before, isLooseToken, hit.facts.isJudgedByVerifier)) return undefined;
    const position = matchPosition(path, text, hit.index);
    const where = purpose === 'documentation' || position !== 'code' ? 'documentation' : 'code';
    if (strength === 'generic' && isNotCredential(before, where)) return undefined;
    return weigh(hit.severity, strength, purpose, position, hit.facts.severityInConfig);
  };
}
