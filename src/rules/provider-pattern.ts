import { escapeRegex } from './provider-values.js';

/**
 * The regex of a provider entry, built from its names and value shape. Every match begins at
 * one of the names (or headers), so the rule is tried only where the prefilter found one of
 * them (keyword starts). Names are matched in any case, spelt out as `[Bb][Rr]…` so that the
 * value's character classes keep their case. A match is, on one line unless said otherwise:
 *
 * - the name, within GAP characters a credential word, the rest of that identifier, an
 *   assignment and the value: `BREVO_API_KEY=…`, `"brevo": {"apiKey": "…"}`, `Brevo(api_key="…")`,
 *   `X-Brevo-Api-Key: …`, `brevo token …`, or the same with the name on the line before
 *   (`brevo:` then `  api_key: …`, `[brevo]` then `token = …`);
 * - the name, then a credential word before it: `API_KEY_BREVO=…`;
 * - the name in a constructor or call given the value as a string: `new BrevoClient("…")`;
 * - a listed header: `X-Foo-Auth: …`.
 *
 * The value must stand alone: no letter, digit or `_+/-` right after it (nor a dot and more of
 * them), so a longer run of the same characters never matches; an identifier ending in id, url, name, host… (`brevo_key_id`)
 * is not a credential.
 */

/** A literal matched in any case, letters spelt as two-case classes. */
export const anyCase = (text: string) =>
  [...text].map((ch) => (/[a-z]/i.test(ch) ? `[${ch.toUpperCase()}${ch.toLowerCase()}]` : escapeRegex(ch))).join('');

const alternatives = (words: readonly string[]) => `(?:${words.map(anyCase).join('|')})`;
/** Words inside a pattern, in the three casings identifiers use: key, Key, KEY. */
const casings = (words: readonly string[]) =>
  `(?:${words.flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1), w.toUpperCase()]).map(escapeRegex).join('|')})`;

/** Words that say "credential" in an identifier or a sentence. */
export const CREDENTIAL_WORDS = ['key', 'token', 'secret', 'api', 'auth', 'pass', 'pwd', 'access', 'cred', 'bearer', 'private', 'signing'];

/** Identifier endings that name something that is not a credential. */
const NOT_SECRET_ENDINGS = ['id', 'ids', 'url', 'uri', 'urls', 'name', 'host', 'type', 'region', 'version', 'endpoint', 'email', 'user', 'username', 'domain', 'path', 'file', 'length', 'count', 'header', 'prefix', 'enabled', 'env', 'mode'];

/** How far from the name the credential word may be, on one line. */
const GAP = 40;

const CRED = casings(CREDENTIAL_WORDS);
const NOT_SECRET_END = `(?<![A-Za-z_.-]${casings(NOT_SECRET_ENDINGS)})`;
/** The end of an identifier after its credential word, and what closes it: a quote, a bracket. */
const IDENT_TAIL = `[A-Za-z0-9_.-]{0,24}?${NOT_SECRET_END}["'\`\\]]{0,2}`;
/** An assignment, a colon, a comma or plain spaces, then an optional quote or Bearer. */
const ASSIGN = '(?:[ \\t]{0,4}(?:=>|:=|=|:|,)[ \\t]{0,4}|[ \\t]{1,4})';
const OPEN = '(?:[rbuRBU@$]?["\'`])?(?:[Bb]earer[ \\t]+)?';
/** The line the name is on, when the credential is on the next one (YAML, INI sections, JSON). */
const NEXT_LINE = `(?:[^\\n]{0,24}\\r?\\n[ \\t]{0,16})?`;

/**
 * Not inside a longer word: `ably` is not found in `probably`, `PROBABLY` or `Zipably`, but is in
 * `myAbly` (a lower-case letter then the name capitalised starts a new word).
 */
const NAME_START = '(?<![A-Z])(?<![a-z](?=[a-z]))';
/** A short name must end its word too (`ably` is not `ablyss`); a long one may run on (`brevoapikey`). */
const nameEnd = (names: readonly string[]) => (names.some((n) => n.length < 6) ? '(?![a-z])' : '');

export interface PatternInput {
  names: readonly string[];
  headers: readonly string[];
  /** The value's regex source (no group). */
  value: string;
  isPadded: boolean;
}

export function providerPattern({ names, headers, value, isPadded }: PatternInput): string {
  const name = alternatives(names);
  // A dot and more characters continue the value too (a longer JWT-like run); a full stop does not.
  const after = isPadded ? '(?![A-Za-z0-9_+/=-]|\\.[A-Za-z0-9])' : '(?![A-Za-z0-9_+/-]|\\.[A-Za-z0-9])';
  const secret = `(?<secret>${value})${after}`;
  const credential = `(?:${NEXT_LINE}[^\\n]{0,${GAP}}?${CRED}|(?<=${CRED}[A-Za-z0-9_ .-]{0,24}${name}))`;
  const byName = [`${credential}${IDENT_TAIL}${ASSIGN}${OPEN}`, `[A-Za-z0-9_.:]{0,30}?\\([ \\t]{0,4}(?:new[ \\t]+)?["'\`]`];
  const forms = [`${NAME_START}${name}${nameEnd(names)}(?:${byName.join('|')})`];
  if (headers.length > 0) forms.push(`${alternatives(headers)}["']?[ \\t]{0,4}[:=][ \\t]{0,4}${OPEN}`);
  return `${forms.length === 1 ? forms[0]! : `(?:${forms.join('|')})`}${secret}`;
}
