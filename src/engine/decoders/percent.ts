import { findEscaped, type EscapeSyntax } from './escaped-spans.js';
import type { Decoder } from './types.js';

/**
 * Percent-encoding (`%3D`, `%2B`…): a credential inside a query string, a redirect URL or a
 * form body, and loot written out with every character escaped. Only values that hold an
 * escape are decoded; `+` stays a plus (base64 secrets hold them).
 */
const RUN = /(?:%[0-9A-Fa-f]{2})+/g;

const syntax: EscapeSyntax = {
  escape: /%[2-7][0-9A-Fa-f]/g,
  stops: ' \t\r\n"\'`<>(){}|\\',
  escapes: RUN,
  decodeEscape: ([run]) => Buffer.from(run!.replace(/%/g, ''), 'hex').toString('utf8'),
};

export const percentDecoder: Decoder = {
  label: 'percent-encoding',
  // An escape of printable ASCII, the characters a credential is written in.
  triggers: ['%2', '%3', '%4', '%5', '%6', '%7'],
  find: (text, budget) => findEscaped(text, syntax, budget),
};
