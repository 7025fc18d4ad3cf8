import type { Severity } from '../model/severity.js';
import type { Location, Probe } from './location.js';

/** What a probe concluded about one entry of a location; `undefined` when it holds nothing. */
export interface Judgement {
  severity: Severity;
  /** One sentence, no secret values: "no passphrase", "lines 3, 7 hold literal secrets". */
  detail: string;
}

/** What the I/O edge read for a probe: a file's text, or the files of a folder. */
export interface ProbeInput {
  text?: string;
  files?: { name: string; text: string }[];
}

/** A value written as a reference to somewhere else, not the secret itself. */
const REFERENCE = /\$\{|\$\(|\{\{|%\(|\$env:|<[A-Z_]+>/i;
const MAX_LINES_LISTED = 8;

/** Every probe, pure over what was read: adding one to PROBES does not compile until it is here. */
export const PROBE_FUNCTIONS = {
  present: (_input, location) => ({ severity: location.severity, detail: 'present' }),
  'private-key': (input, location) => judgeKey(input.text ?? '', location.severity),
  'gpg-keys': (input, location) => judgeGpgKeys(input.files ?? [], location.severity),
  'literal-secret': (input, location) => judgeLiteral(input.text ?? '', location),
  'docker-auths': (input, location) => judgeDockerConfig(input.text ?? '', location.severity),
} as const satisfies Record<Probe, (input: ProbeInput, location: Location) => Judgement | undefined>;

/** Reads the cipher name of an `openssh-key-v1` key: 'none' means no passphrase. */
function opensshCipher(text: string): string | undefined {
  const body = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(text)?.[1];
  if (body === undefined) return undefined;
  const bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  const magic = 'openssh-key-v1\0';
  if (bytes.length < magic.length + 4 || bytes.toString('latin1', 0, magic.length) !== magic) return undefined;
  const length = bytes.readUInt32BE(magic.length);
  if (length > 64 || bytes.length < magic.length + 4 + length) return undefined;
  return bytes.toString('latin1', magic.length + 4, magic.length + 4 + length);
}

const PROTECTED_KEY = (severity: Severity, how: string): Judgement => ({
  severity: severity === 'block' ? 'review' : severity,
  detail: `protected by a passphrase (${how}): lower risk, but a stolen copy can still be guessed at offline`,
});
const OPEN_KEY = (severity: Severity): Judgement => ({ severity, detail: 'no passphrase: usable by whoever copies the file' });

/** A private key file, by its header; public keys, known_hosts and config are not judged. */
export function judgeKey(text: string, severity: Severity): Judgement | undefined {
  if (text.includes('-----BEGIN OPENSSH PRIVATE KEY-----')) {
    const cipher = opensshCipher(text);
    if (cipher === undefined) return { severity, detail: 'an OpenSSH private key airlock could not decode: treat it as unprotected' };
    return cipher === 'none' ? OPEN_KEY(severity) : PROTECTED_KEY(severity, cipher);
  }
  if (text.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----')) return PROTECTED_KEY(severity, 'PKCS#8');
  const pem = /-----BEGIN (?:(RSA|DSA|EC) )?PRIVATE KEY-----/.exec(text);
  if (pem) return /^Proc-Type:\s*4,ENCRYPTED/m.test(text) ? PROTECTED_KEY(severity, 'PEM') : OPEN_KEY(severity);
  const putty = /^PuTTY-User-Key-File-\d+:/m.test(text) ? /^Encryption:\s*(\S+)/m.exec(text)?.[1] : undefined;
  if (putty !== undefined) return putty === 'none' ? OPEN_KEY(severity) : PROTECTED_KEY(severity, putty);
  return undefined;
}

/** GnuPG's private-keys-v1.d: keys on a smartcard are stubs; the rest are protected or not. */
export function judgeGpgKeys(files: { name: string; text: string }[], severity: Severity): Judgement | undefined {
  const keys = files.filter((f) => f.name.endsWith('.key') && !f.text.includes('shadowed-private-key'));
  if (keys.length === 0) return undefined;
  const open = keys.filter((f) => !f.text.includes('protected-private-key') && f.text.includes('private-key'));
  if (open.length > 0) return { severity, detail: `${open.length} of ${keys.length} private keys have no passphrase` };
  return PROTECTED_KEY(severity, `${keys.length} ${keys.length === 1 ? 'key' : 'keys'}`);
}

/** The lines (1-based) holding a literal secret: a match whose value is not a reference. */
export function literalSecretLines(text: string, pattern: string): number[] {
  const regex = new RegExp(pattern, 'i');
  const lines: number[] = [];
  text.split('\n').forEach((line, i) => {
    const match = regex.exec(line);
    if (match && !REFERENCE.test(line.slice(match.index))) lines.push(i + 1);
  });
  return lines;
}

function judgeLiteral(text: string, location: Location): Judgement | undefined {
  const lines = literalSecretLines(text, location.secret ?? '(?!)');
  if (lines.length === 0) return undefined;
  const listed = lines.slice(0, MAX_LINES_LISTED).join(', ') + (lines.length > MAX_LINES_LISTED ? `, … (${lines.length} in all)` : '');
  return { severity: location.severity, detail: `${lines.length === 1 ? 'line' : 'lines'} ${listed} ${lines.length === 1 ? 'holds a literal secret' : 'hold literal secrets'}` };
}

/** Docker keeps logins in `auths` (base64 user:password) unless a credential helper holds them. */
export function judgeDockerConfig(text: string, severity: Severity): Judgement | undefined {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    return undefined;
  }
  const auths = (config as { auths?: Record<string, Record<string, unknown>> } | null)?.auths;
  if (!auths || typeof auths !== 'object') return undefined;
  const held = Object.entries(auths).filter(([, entry]) => entry && ['auth', 'identitytoken', 'password'].some((k) => typeof entry[k] === 'string' && entry[k] !== ''));
  if (held.length === 0) return undefined;
  return { severity, detail: `\`auths\` holds the login of ${held.length} ${held.length === 1 ? 'registry' : 'registries'} in base64 (plain text, not a credential helper)` };
}
