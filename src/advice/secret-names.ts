/** Names of variables and arguments that carry secrets: `NPM_TOKEN`, `AWS_SECRET_ACCESS_KEY`, `apiKey`. */
const SECRET_NAME = /(?:token|secret|passw(?:or)?d|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|auth)(?![a-z])|(?:^|_)pat$/i;
/** Names that look like secrets but carry none. */
const NOT_SECRET = /(?:_file|_path|_url|_host|_user(?:name)?|_id|_region|_endpoint|_helper)$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET.test(name);
}

/** A value that is written out, not a reference to the environment or a secret store. */
export function isLiteralValue(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const v = value.trim();
  return v.length >= 8 && !/^\$|\$\{|\{\{|^env:|^<.*>$|^op:\/\/|^keychain:|^vault:/i.test(v);
}

/** Where a piece of advice is: the root and the root-relative POSIX path. */
export interface AdviceAt {
  root: string;
  path: string;
}
