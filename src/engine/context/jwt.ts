/**
 * JSON Web Tokens judged by what they say: a token whose claims are all placeholders
 * (`foo`, `bar`, `John Doe`, `example.com`), whose payload is empty, or whose issuer is a demo
 * is a toy written for a test or a guide, not a session of anyone's.
 */
const JWT = /^eyJ[A-Za-z0-9_-]{4,}\.([A-Za-z0-9_-]*)\.[A-Za-z0-9_-]*$/;
const TOY_WORDS = new Set([
  'foo', 'bar', 'baz', 'qux', 'quux', 'test', 'tests', 'testing', 'example', 'demo', 'sample', 'dummy', 'fake',
  'john', 'jane', 'doe', 'alice', 'bob', 'user', 'username', 'admin', 'name', 'me', 'someone', 'somebody', 'hello', 'world',
  'com', 'org', 'net', 'www', 'http', 'https', 'localhost', 'my', 'your', 'app', 'client', 'subject', 'data',
]);
const TOY_ISSUER = /example\.(?:com|org|net)|localhost|\bdemo\b|\btest\b|jwt\.io/i;

function payloadOf(token: string): Record<string, unknown> | undefined {
  const match = JWT.exec(token);
  if (!match) return undefined;
  try {
    const json: unknown = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8'));
    return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const words = (value: unknown): string[] =>
  typeof value === 'string' ? value.toLowerCase().split(/[^a-z]+/).filter(Boolean) : Array.isArray(value) ? value.flatMap(words) : [];

/** Whether a value is a JWT whose decoded claims say it is a toy; false for anything else. */
export function isToyJwt(secret: string): boolean {
  const claims = payloadOf(secret);
  if (claims === undefined) return false;
  const entries = Object.entries(claims);
  if (entries.length === 0) return true;
  for (const key of ['iss', 'aud']) if (typeof claims[key] === 'string' && TOY_ISSUER.test(claims[key])) return true;
  const strings = entries.filter(([, v]) => typeof v === 'string' || Array.isArray(v)).flatMap(([, v]) => words(v));
  return strings.length > 0 && strings.every((w) => TOY_WORDS.has(w));
}
