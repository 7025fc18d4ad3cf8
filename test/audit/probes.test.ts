import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LOCATIONS } from '../../src/audit/locations.js';
import { PROBES } from '../../src/audit/location.js';
import { judgeDockerConfig, judgeGpgKeys, judgeKey, literalSecretLines } from '../../src/audit/probes.js';
import { fakeGithubToken, randomChars } from '../helpers/fake-secrets.js';
import { opensshKey } from '../helpers/fixture-home.js';

const pkcs8 = (passphrase?: string) =>
  generateKeyPairSync('ed25519', {
    privateKeyEncoding: passphrase ? { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase } : { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });

describe('judgeKey: a private key by its header', () => {
  it.each([
    ['an OpenSSH key with cipher none', opensshKey('none'), 'block', /no passphrase/],
    ['an OpenSSH key with aes256-ctr', opensshKey('aes256-ctr'), 'review', /passphrase \(aes256-ctr\)/],
    ['a PKCS#8 key', pkcs8().privateKey, 'block', /no passphrase/],
    ['an encrypted PKCS#8 key', pkcs8(randomChars(16)).privateKey, 'review', /PKCS#8/],
    ['a legacy PEM key with Proc-Type encrypted', `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${randomChars(32, '0123456789ABCDEF')}\n\n${randomChars(64)}\n-----END RSA PRIVATE KEY-----\n`, 'review', /PEM/],
    ['a PuTTY key without encryption', `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: dev\n`, 'block', /no passphrase/],
  ] as const)('%s', (_name, text, severity, detail) => {
    const judgement = judgeKey(text, 'block');
    expect(judgement?.severity).toBe(severity);
    expect(judgement?.detail).toMatch(detail);
  });

  it.each([
    ['a public key', `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA${randomChars(43)} dev@laptop\n`],
    ['an SPKI public key', pkcs8().publicKey],
    ['known_hosts', `github.com ssh-ed25519 AAAA${randomChars(60)}\n`],
    ['an ssh config', 'Host *\n  IdentityFile ~/.ssh/id_ed25519\n'],
  ])('%s is not judged', (_name, text) => {
    expect(judgeKey(text, 'block')).toBeUndefined();
  });
});

describe('the other probes', () => {
  it('GnuPG: unprotected keys block, protected ones are review, card stubs are nothing', () => {
    const file = (kind: string) => ({ name: `${randomChars(8, '0123456789ABCDEF')}.key`, text: `Key: (${kind} (ecc (curve Ed25519)))\n` });
    expect(judgeGpgKeys([file('protected-private-key'), file('private-key')], 'block')).toEqual({ severity: 'block', detail: '1 of 2 private keys have no passphrase' });
    expect(judgeGpgKeys([file('protected-private-key')], 'block')?.severity).toBe('review');
    expect(judgeGpgKeys([file('shadowed-private-key')], 'block')).toBeUndefined();
  });

  it('literal secrets are lines with a value; ${VAR}, $(cmd) and {{ }} are references', () => {
    const npm = LOCATIONS.find((l) => l.id === 'npm-token')!.secret!;
    expect(literalSecretLines(`registry=https://r.example\n//r.example/:_authToken=npm_${randomChars(36)}\n`, npm)).toEqual([2]);
    expect(literalSecretLines('//r.example/:_authToken=${NPM_TOKEN}\n', npm)).toEqual([]);
    const history = LOCATIONS.find((l) => l.id === 'shell-history')!.secret!;
    const text = [`export GITHUB_TOKEN=${fakeGithubToken()}`, 'export GITHUB_TOKEN=$(gh auth token)', 'git push', `curl -H "Authorization: Bearer ${randomChars(40)}" https://api.example.com`, 'echo password is secret'].join('\n');
    expect(literalSecretLines(text, history)).toEqual([1, 4]);
  });

  it('Docker: logins in auths are a finding, a credential helper is not', () => {
    const auth = Buffer.from(`dev:${randomChars(20)}`).toString('base64');
    expect(judgeDockerConfig(JSON.stringify({ auths: { 'ghcr.io': { auth } } }), 'block')?.detail).toMatch(/1 registry/);
    expect(judgeDockerConfig(JSON.stringify({ auths: { 'ghcr.io': {} }, credsStore: 'osxkeychain' }), 'block')).toBeUndefined();
    expect(judgeDockerConfig('{not json', 'block')).toBeUndefined();
  });
});

describe('the catalog (data)', () => {
  it('has unique kebab-case ids, known probes, a pattern that compiles for every literal-secret location, and a fix for each', () => {
    expect(new Set(LOCATIONS.map((l) => l.id)).size).toBe(LOCATIONS.length);
    for (const l of LOCATIONS) {
      expect(l.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(PROBES).toContain(l.probe);
      expect(l.grants.length + l.fix.length).toBeGreaterThan(40);
      expect(l.paths.length).toBeGreaterThan(0);
      if (l.probe === 'literal-secret') expect(() => new RegExp(l.secret!, 'i')).not.toThrow();
      else expect(l.secret).toBeUndefined();
    }
  });
});
