import { randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random characters from an alphabet: fake secrets are generated, never copied. */
export function randomString(length: number, alphabet = ALNUM): string {
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[randomInt(alphabet.length)];
  return text;
}

/** A fake GitHub classic token: right prefix and length, random body. */
export const fakeGithubToken = () => `ghp_${randomString(36)}`;
