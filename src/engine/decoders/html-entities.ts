import { findEscaped, type EscapeSyntax } from './escaped-spans.js';
import type { Decoder } from './types.js';

/**
 * HTML character references, numeric (`&#103;`, `&#x67;`) and the named ones that stand for
 * the punctuation of an assignment or a URL (`&quot;`, `&colon;`, `&equals;`…): a config in
 * a `data-` attribute, or a token written as entities so a page's source hides it.
 */
const NAMED: Record<string, string> = {
  quot: '"', apos: "'", amp: '&', lt: '<', gt: '>', colon: ':', sol: '/', bsol: '\\', equals: '=',
  lowbar: '_', commat: '@', plus: '+', num: '#', percnt: '%', dollar: '$', period: '.', comma: ',',
  semi: ';', excl: '!', quest: '?', lpar: '(', rpar: ')', lsqb: '[', rsqb: ']', lcub: '{', rcub: '}',
  lbrace: '{', rbrace: '}', hyphen: '-', dash: '-', ast: '*', Tab: '\t', NewLine: '\n', nbsp: ' ',
};

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z]{2,8}));?/g;

function decodeEscape([whole, decimal, hex, name]: RegExpExecArray): string {
  if (name !== undefined) return whole.endsWith(';') ? (NAMED[name] ?? whole) : whole;
  const code = decimal !== undefined ? parseInt(decimal, 10) : parseInt(hex!, 16);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
}

const syntax: EscapeSyntax = {
  // Numeric references, and the named ones a credential's punctuation is written with.
  escape: /&(?:#\d{2,7}|#[xX][0-9A-Fa-f]{2,6}|quot;|apos;|colon;|sol;|equals;|lowbar;|commat;);?/g,
  stops: '\r\n"\'<>`',
  escapes: REFERENCE,
  decodeEscape,
};

export const htmlEntityDecoder: Decoder = {
  label: 'HTML entities',
  triggers: ['&#', '&quot;', '&apos;', '&colon;', '&sol;', '&equals;', '&lowbar;', '&commat;'],
  find: (text, budget) => findEscaped(text, syntax, budget),
};
