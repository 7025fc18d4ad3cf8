/** Every kind of exposure airlock knows. A closed set: adding one must add its description. */
export const CATEGORIES = [
  'private-key',
  'credential-file',
  'token',
  'env-file',
  'password',
  'keystore',
  'agent-credential',
  'shell-history',
  'git-history',
  'pii',
  'proprietary',
  'data-dump',
  'symlink-escape',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** Personal, proprietary and dumped data: review by default, block by configuration; their rules judge their own values. */
export const DATA_CATEGORIES: readonly Category[] = ['pii', 'proprietary', 'data-dump'];

/** What each category would give an attacker who can read the mount. */
export const CATEGORY_IMPACT = {
  'private-key': 'a private key lets an attacker log in as you or impersonate your servers',
  'credential-file': 'a credential file holds login material for a cloud, registry or service',
  token: 'an access token gives direct API access to the account that issued it',
  'env-file': 'environment files usually hold the live secrets an application runs with',
  password: 'a plain-text password opens the account or database it belongs to',
  keystore: 'a keystore bundles private keys and certificates, often with a weak passphrase',
  'agent-credential': 'AI tool credentials let an attacker spend your quota or read your sessions',
  'shell-history': 'shell history records commands typed with tokens and passwords inline',
  'git-history': 'git history keeps every secret ever committed, even after it was deleted',
  pii: 'personal data is exposed to everything running in the sandbox',
  proprietary: 'proprietary material is exposed to everything running in the sandbox',
  'data-dump': 'database dumps and exports often hold customer data and password hashes',
  'symlink-escape': 'a link that leaves the folder exposes whatever it points to',
} as const satisfies Record<Category, string>;


/** The fix to suggest when a rule source (secretlint) brings no remediation of its own. */
export const CATEGORY_REMEDIATION = {
  'private-key': 'Move the key out of the folder (e.g. ~/.ssh with a passphrase, or an agent); if it was ever shared, replace it.',
  'credential-file': 'Keep credential files outside shared folders; use the provider\'s login flow or a secret manager.',
  token: 'Revoke and rotate the token, then load it from a secret manager or keychain instead of a file.',
  'env-file': 'Exclude the file from the mount or replace values with placeholders; rotate any value that was shared.',
  password: 'Change the password and read it from a secret manager or environment at run time.',
  keystore: 'Move the keystore out of the folder; rotate the keys it holds if it was shared.',
  'agent-credential': 'Log out and back in to rotate the session, and keep the tool\'s config outside shared folders.',
  'shell-history': 'Remove the lines from the history file and rotate what they contain.',
  'git-history': 'Rotate the secret; mount a fresh clone without history, or rewrite the history.',
  pii: 'Exclude the data from the mount or share an anonymised sample.',
  proprietary: 'Exclude the material from the mount unless the sandbox is meant to see it.',
  'data-dump': 'Exclude the dump from the mount; share a small anonymised sample if needed.',
  'symlink-escape': 'Remove the link or exclude it; mount its target explicitly if it is meant to be shared.',
} as const satisfies Record<Category, string>;
