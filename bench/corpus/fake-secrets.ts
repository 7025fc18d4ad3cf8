import { ALNUM, BASE64, HEX, LETTERS, UPPER_BASE32, type Random } from './random.ts';

/**
 * Fake credentials of the right shape, drawn at corpus-build time from the seeded generator:
 * random, so they grant nothing, and never committed to this repository.
 */
export const fakeSecrets = {
  githubPat: (r: Random) => `ghp_${r.chars(ALNUM, 36)}`,
  githubOauth: (r: Random) => `gho_${r.chars(ALNUM, 36)}`,
  gitlabPat: (r: Random) => `glpat-${r.chars(ALNUM, 20)}`,
  npmToken: (r: Random) => `npm_${r.chars(ALNUM, 36)}`,
  awsKeyId: (r: Random) => `AKIA${r.chars(UPPER_BASE32, 16)}`,
  awsSecret: (r: Random) => r.chars(BASE64, 40),
  stripeLive: (r: Random) => `sk_live_${r.chars(ALNUM, 24)}`,
  slackBot: (r: Random) => `xoxb-${r.int(1e11, 9e11)}-${r.int(1e11, 9e11)}-${r.chars(ALNUM, 24)}`,
  anthropic: (r: Random) => `sk-ant-api03-${r.chars(`${ALNUM}_-`, 93)}AA`,
  googleApi: (r: Random) => `AIza${r.chars(`${ALNUM}_-`, 35)}`,
  huggingFace: (r: Random) => `hf_${r.chars(LETTERS, 34)}`,
  postgresUrl: (r: Random) => `postgres://app_user:${r.chars(ALNUM, 20)}@db.internal.example.com:5432/app`,
  /** An OpenSSH-format private key block whose body is random base64 (not a usable key). */
  openSshKey(r: Random): string {
    const body = `b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW${r.chars(BASE64, 330)}`;
    const lines = body.match(/.{1,70}/g) ?? [];
    return ['-----BEGIN OPENSSH PRIVATE KEY-----', ...lines, '-----END OPENSSH PRIVATE KEY-----', ''].join('\n');
  },
  /** A PEM RSA private key block with a random body. */
  rsaPemKey(r: Random): string {
    const lines = (`MIIEpAIBAAKCAQEA${r.chars(BASE64, 1560)}`.match(/.{1,64}/g) ?? []);
    return ['-----BEGIN RSA PRIVATE KEY-----', ...lines, '-----END RSA PRIVATE KEY-----', ''].join('\n');
  },
  hexToken: (r: Random, length: number) => r.chars(HEX, length),
} as const;
