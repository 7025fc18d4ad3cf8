import { randomBytes } from 'node:crypto';
import { HEX, randomChars } from './fake-secrets.js';

/** crypt(3)'s alphabet, which bcrypt, sha-crypt, md5-crypt and yescrypt write in. */
export const CRYPT = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const crypt = (length: number) => randomChars(length, CRYPT);
const hex = (length: number) => randomBytes(length / 2).toString('hex');

/** Password hashes of the right shape (alphabet, lengths, fields), random: generated at test time. */
export const fakeHash = {
  bcrypt: () => `$2b$12$${crypt(53)}`,
  sha512crypt: () => `$6$${crypt(16)}$${crypt(86)}`,
  sha256crypt: () => `$5$rounds=80000$${crypt(12)}$${crypt(43)}`,
  md5crypt: () => `$1$${crypt(8)}$${crypt(22)}`,
  apr1: () => `$apr1$${crypt(8)}$${crypt(22)}`,
  yescrypt: () => `$y$j9T$${crypt(22)}$${crypt(43)}`,
  argon2id: () => `$argon2id$v=19$m=65536,t=3,p=4$${randomChars(22, BASE64)}$${randomChars(43, BASE64)}`,
  sha: () => `{SHA}${randomChars(27, BASE64)}=`,
  ntlm: () => randomChars(32, HEX),
  asrep: (user: string) => `$krb5asrep$23$${user}@CORP.ACME.IO:${hex(32)}$${hex(232)}`,
  tgs: (user: string, spn: string) => `$krb5tgs$23$*${user}$CORP.ACME.IO$${spn}*$${hex(32)}$${hex(280)}`,
};
