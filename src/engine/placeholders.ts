/**
 * Values that are documentation, not secrets. Every content rule rejects a match whose secret
 * matches one of these; rules add their own `allow` patterns on top.
 */
export const BUILTIN_PLACEHOLDERS: readonly RegExp[] = [
  /example/i,
  /x{5,}/i,
  /\*{4,}/,
  /(.)\1{7,}/, // one character repeated: aaaaaaaa, 00000000
  /^<[^>]*>$|<your|your[-_ ]?(?:key|token|secret|password)/i,
  /\$\{[^}]*\}|\$\(|^\$[A-Z_]+$/, // ${VAR}, $(cmd), $VAR
  /\{\{[^}]*\}\}/, // {{ template }}
  /changeme|change[-_]me|placeholder|redacted|dummy|insert[-_ ]?here|replace[-_ ]?me/i,
  /^(?:abc|123|test|fake|sample|secret|password|token)+$/i,
  /0123456789|1234567890|abcdefghij/i,
];

export function isPlaceholder(secret: string, extra: readonly RegExp[] = []): boolean {
  return BUILTIN_PLACEHOLDERS.some((re) => re.test(secret)) || extra.some((re) => re.test(secret));
}
