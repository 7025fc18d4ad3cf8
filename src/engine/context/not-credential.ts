/**
 * Fields named like credentials that are not: a CSRF form token (`authenticity_token`,
 * `csrfmiddlewaretoken`) is minted per session and printed into every form; a webhook's nonce,
 * timestamp or signature is public by design; an `Authorization: Token …` line in an API
 * reference documents the header's syntax. Judged from the text before the value on its line.
 */
const NOT_CREDENTIAL_NAME =
  /(?:authenticity_token|csrf[_-]?token|csrfmiddlewaretoken|xsrf[_-]?token|_csrf|requestverificationtoken|nonce|timestamp|(?:^|[^_\w])signature)["']?\s*(?:=>|[:=])\s*["']?$/i;

const TOKEN_SCHEME_HEADER = /authorization["']?\s*[:=]\s*["']?token\s+$/i;

export type Where = 'documentation' | 'code';

export function isNotCredential(before: string, where: Where): boolean {
  if (NOT_CREDENTIAL_NAME.test(before)) return true;
  return where === 'documentation' && TOKEN_SCHEME_HEADER.test(before);
}
