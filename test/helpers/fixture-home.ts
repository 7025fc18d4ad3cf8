import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeDatabase } from './containers.js';
import { fakeGithubToken, randomChars } from './fake-secrets.js';
import { writeTree } from './temp-dir.js';

const sshString = (value: string | Buffer) => {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'latin1') : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

/** An `openssh-key-v1` ed25519 key file with random key material; `cipher` 'none' means no passphrase. */
export function opensshKey(cipher: 'none' | 'aes256-ctr'): string {
  const publicKey = Buffer.concat([sshString('ssh-ed25519'), sshString(randomBytes(32))]);
  const kdf = cipher === 'none' ? [sshString('none'), sshString('')] : [sshString('bcrypt'), sshString(Buffer.concat([sshString(randomBytes(16)), Buffer.from([0, 0, 0, 16])]))];
  const count = Buffer.from([0, 0, 0, 1]);
  const body = Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), sshString(cipher), ...kdf, count, sshString(publicKey), sshString(randomBytes(160))]);
  const lines = body.toString('base64').match(/.{1,70}/g)!;
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

/** Secrets planted in the fixture home, to look for (and not find) in every output. */
export interface FixtureSecrets {
  awsSecret: string;
  npmToken: string;
  historyToken: string;
  mcpKey: string;
  cachedToken: string;
  hostileToken: string;
}

export const HOSTILE_NAME = '<img src=x onerror=alert(1)>.env';

/**
 * A developer's home as the audit finds it: keys (one without a passphrase, one with, a public
 * key alone), cloud and registry configs (literal secrets and `${VAR}` references), agent
 * configs with hooks, Bash(*) and MCP servers (local with a literal key, remote), a history
 * with a token, browser stores, a wallet, a cache and node_modules holding secrets that are not
 * read, and a project whose Dockerfile installs with a token in its build args.
 */
export function buildFixtureHome(home: string): FixtureSecrets {
  const secrets: FixtureSecrets = {
    awsSecret: randomChars(40),
    npmToken: `npm_${randomChars(36)}`,
    historyToken: fakeGithubToken(),
    mcpKey: `sk-${randomChars(48)}`,
    cachedToken: fakeGithubToken(),
    hostileToken: fakeGithubToken(),
  };
  const pkcs8 = generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: randomChars(20) }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  writeTree(home, {
    '.ssh/id_ed25519': opensshKey('none'),
    '.ssh/id_work': opensshKey('aes256-ctr'),
    '.ssh/id_backup.pem': pkcs8.privateKey,
    '.ssh/id_ed25519.pub': `ssh-ed25519 ${randomBytes(51).toString('base64')} dev@laptop\n`,
    '.ssh/known_hosts': `github.com ssh-ed25519 ${randomBytes(51).toString('base64')}\n`,
    '.gnupg/private-keys-v1.d/4F2A9C.key': `Created: 20250101T000000\nKey: (protected-private-key (ecc (curve Ed25519)(q #40${randomChars(64, '0123456789ABCDEF')}#)(protected openpgp-s2k3-ocb-aes ((sha256 #${randomChars(16, '0123456789ABCDEF')}# "65011712")#${randomChars(24, '0123456789ABCDEF')}#)#${randomChars(96, '0123456789ABCDEF')}#)))\n`,
    '.aws/credentials': `[default]\naws_access_key_id = AKIA${randomChars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}\naws_secret_access_key = ${secrets.awsSecret}\n`,
    '.aws/config': '[profile work]\nsso_session = corp\nsso_account_id = 111122223333\nregion = eu-west-1\n',
    '.config/gcloud/application_default_credentials.json': `{"client_id":"${randomChars(12, '0123456789')}.apps.googleusercontent.com","client_secret":"d-${randomChars(22)}","refresh_token":"1//${randomChars(60)}","type":"authorized_user"}\n`,
    '.kube/config': 'apiVersion: v1\nusers:\n- name: eks\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: aws\n      args: [eks, get-token, --cluster-name, prod]\n',
    '.docker/config.json': JSON.stringify({ auths: { 'registry.example.com': { auth: Buffer.from(`dev:${randomChars(20)}`).toString('base64') } } }),
    '.npmrc': `//registry.npmjs.org/:_authToken=${secrets.npmToken}\n`,
    '.yarnrc.yml': 'npmAuthToken: "${NPM_TOKEN}"\nenableScripts: false\nnpmMinimalAgeGate: 7d\n',
    '.bash_history': `ls -la\ncd code/app\nexport GITHUB_TOKEN=${secrets.historyToken}\ngit push\n`,
    '.claude/settings.json': JSON.stringify({ permissions: { allow: ['Bash(*)', 'Read'] }, hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: '~/bin/log-command' }] }] } }, null, 2),
    '.claude.json': JSON.stringify({ mcpServers: { db: { command: 'npx', args: ['-y', 'db-mcp'], env: { DB_API_KEY: secrets.mcpKey } }, docs: { type: 'http', url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer ${DOCS_TOKEN}' } } } }, null, 2),
    '.codex/config.toml': 'model = "gpt-5"\napproval_policy = "never"\n\n[mcp_servers.search]\ncommand = "uvx"\nargs = ["search-mcp"]\nenv = { SEARCH_TOKEN = "${SEARCH_TOKEN}" }\n',
    '.bitcoin/wallet.dat': Buffer.concat([Buffer.from([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x62, 0x31, 0x05, 0]), randomBytes(512)]),
    '.cache/tool/session.env': `GITHUB_TOKEN=${secrets.cachedToken}\n`,
    'code/app/node_modules/pkg/.env': `GITHUB_TOKEN=${secrets.cachedToken}\n`,
    'code/app/Dockerfile': 'FROM node:22\nARG NPM_TOKEN\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "index.js"]\n',
    'code/app/Dockerfile.safe': 'FROM node:22 AS deps\nWORKDIR /app\nCOPY package*.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n',
    [`code/app/${HOSTILE_NAME}`]: `GITHUB_TOKEN=${secrets.hostileToken}\n`,
    'code/app/README.md': '# app\n',
  });
  // Chrome's stores, made by SQLite: values encrypted as Chrome does ('v10' + AES output), so random here.
  const chrome = join(home, '.config/google-chrome/Default');
  const encrypted = () => Buffer.concat([Buffer.from('v10'), randomBytes(32)]);
  writeDatabase(join(chrome, 'Login Data'), 'CREATE TABLE logins (origin_url TEXT, username_value TEXT, password_value BLOB)', { logins: [['https://accounts.example.com/', 'dev@example.com', encrypted()]] });
  writeDatabase(join(chrome, 'Cookies'), 'CREATE TABLE cookies (host_key TEXT, name TEXT, encrypted_value BLOB)', { cookies: [['.example.com', 'session', encrypted()]] });
  for (const file of ['.aws/credentials', '.npmrc']) chmodSync(join(home, file), 0o644);
  mkdirSync(join(home, '.npm'), { recursive: true });
  return secrets;
}
