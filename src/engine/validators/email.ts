/**
 * E-mail addresses someone could own: a plausible local part and a domain of labels under a
 * top-level domain of letters. Domains reserved for documentation and testing (RFC 2606 and
 * RFC 6761: example.*, .test, .invalid, .localhost, .example) and addresses that are file
 * names (`logo@2x.png`) or package versions are not personal data.
 */
const RESERVED_DOMAIN = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost|local)$/;

/** Top-level domains that are file extensions far more often than mail domains. */
const FILE_TLDS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'js', 'ts', 'css', 'map', 'json', 'html', 'txt', 'md', 'py', 'rb']);

export function isEmailAddress(text: string): boolean {
  const at = text.lastIndexOf('@');
  if (at < 1 || at !== text.indexOf('@')) return false;
  const local = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase();
  if (local.length > 64 || domain.length > 253) return false;
  if (!/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(local)) return false;
  const labels = domain.split('.');
  const tld = labels.at(-1)!;
  if (labels.length < 2 || !/^[a-z]{2,24}$/.test(tld) || FILE_TLDS.has(tld)) return false;
  if (!labels.every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label))) return false;
  return !RESERVED_DOMAIN.test(domain);
}
