/**
 * Values that are documentation, not secrets. Every content rule rejects a match whose secret
 * matches one of these; rules add their own `allow` patterns on top.
 */
export const BUILTIN_PLACEHOLDERS: readonly RegExp[] = [
  /example/i,
  /x{5,}/i,
  /\*{4,}/,
  /^<[^>]*>$|<your|your[-_ ]?(?:key|token|secret|password)/i,
  /<[A-Za-z][\w -]{1,30}>/, // an angle-bracket placeholder anywhere: user:<password>@host
  /\$\{[^}]*\}|\$\(|^\$[A-Z_]+$/, // ${VAR}, $(cmd), $VAR
  /\{\{[^}]*\}\}/, // {{ template }}
  /changeme|change[-_]me|placeholder|redacted|dummy|insert[-_ ]?here|replace[-_ ]?me/i,
  /^(?:abc|123|test|fake|sample|secret|password|token)+$/i,
  /0123456789|1234567890|abcdefghij/i,
  // Stock defaults and words people type where a password goes, with a digit or two at most.
  /^(?:change[-_]?(?:it|this|me)|admin(?:istrator)?|root|toor|guest|secret|passw(?:or)?d|passw0rd|p@ssw0rd|pass|letmein|qwerty|default|testing|demo|user(?:name)?|foobar|hunter2|welcome|s3cr3t|topsecret|supersecret)[\d!]{0,4}$/i,
  // Product and service names used as their own stack's password.
  /^(?:postgres(?:ql)?|mysql|mariadb|redis|mongo(?:db)?|rabbitmq|kafka|elastic(?:search)?|kibana|grafana|minio(?:admin)?|jenkins|tomcat|oracle|keycloak|airflow|superset|neo4j|couchdb|cassandra|docker|vault|nexus|sonarqube|gitlab|harbor|wordpress|drupal|odoo|nextcloud|zabbix)[\d!]{0,4}$/i,
  /^my[-_]?(?:pass(?:word)?|secret|token|key|pwd|api[-_]?key)\d*$/i,
  /^(?:bad|wrong|invalid|fake|some|other|cache|db|app)[-_]?(?:pass(?:word)?|pwd|secret|token)\d*$/i,
  /^your[-_]|^your(?=[A-Z])/, // yourWeak(!)Password, your-api-key, your_token
];

/** A run of one character this long, making up a quarter of the secret or more: aaaaaaaa, 00000000. */
const REPEATED_RUN = /(.)\1{7,}/g;

function isMostlyRepeated(secret: string): boolean {
  for (const run of secret.matchAll(REPEATED_RUN)) if (run[0].length * 4 >= secret.length) return true;
  return false;
}

/**
 * Whether a matched secret is documentation rather than a secret. A long run of one character
 * counts only when it is a large part of the value: a private key's base64 body holds runs of
 * `A` that say nothing.
 */
export function isPlaceholder(secret: string, extra: readonly RegExp[] = []): boolean {
  return isMostlyRepeated(secret) || BUILTIN_PLACEHOLDERS.some((re) => re.test(secret)) || extra.some((re) => re.test(secret));
}
