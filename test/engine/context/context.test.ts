import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanJson, type JsonReport } from '../../helpers/cli.js';
import { BASE62, fakeGithubToken, HEX, randomChars } from '../../helpers/fake-secrets.js';

/**
 * False alarms seen on public code (bench/precision), one kind per file of
 * test/engine/context/false-alarms, each written for this test. The folder is scanned through
 * the built CLI: no BLOCK, and each file gives exactly the outcome below. Then each value is
 * swapped, in a temporary copy, for a realistic one in the very same place: that must still be
 * found, so the rule does fire there and it is the value or its context that quiets it.
 */
const FOLDER = join(import.meta.dirname, 'false-alarms');

const b64 = (text: string) => Buffer.from(text).toString('base64');
const b64url = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
const awsKeyId = () => `AKIA${randomChars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
const slackAppToken = () => `xapp-1-A${randomChars(10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}-${randomChars(13, '0123456789')}-${randomChars(64, HEX)}`;
const liveLookingJwt = () =>
  `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: '8412', iss: 'https://login.acme-corp.io', exp: 1924992000 })}.${Buffer.from(randomChars(32)).toString('base64url')}`;

/**
 * A random password as a Secret's data holds it (base64), drawn again until the base64 holds a
 * digit: the generic rule takes only values with one, and about one in 75 has none (CI once drew one).
 */
function secretDataWithDigit(): string {
  for (;;) {
    const value = b64(randomChars(24));
    if (/[0-9]/.test(value)) return value;
  }
}

interface Case {
  kind: string;
  path: string;
  /** The false alarm's value, as it stands in the file. */
  value: string;
  /** What the scan says of it: nothing, or a REVIEW whose message starts with the reason. */
  expected: 'nothing' | { review: string };
  /** A realistic value for the same place, and the severity it must get. */
  twin?: { value: () => string; severity: 'block' | 'review' };
}

const CASES: Case[] = [
  { kind: 'placeholder token in a README', path: 'README.md', value: 'ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', expected: 'nothing', twin: { value: fakeGithubToken, severity: 'block' } },
  {
    kind: 'hex key in a configuration guide (fenced code)',
    path: 'docs/configuration.md',
    value: 'bb37c0a91ee03f1ea9cb77dea661e658a22aaa7f60c20661bef2c955ca8a2346',
    expected: { review: '(in documentation)' },
    twin: { value: fakeGithubToken, severity: 'block' },
  },
  { kind: 'export in a guide', path: 'docs/configuration.md', value: 'a264de99ae7e9b3dffddb0d567ca634e', expected: { review: '(in documentation)' } },
  { kind: 'key in an RST literal block', path: 'docs/deploy.rst', value: 'd3e251b08a46562cfba9b88f2f6aa3c28e3c8a3954ce590b', expected: { review: '(in documentation)' } },
  { kind: 'password in a code comment', path: 'lib/accounts/password_policy.rb', value: 'uuENznZ4iKs2C', expected: { review: '(in a comment)' }, twin: { value: fakeGithubToken, severity: 'block' } },
  { kind: 'API key in a docstring', path: 'orbit/client.py', value: '6mbxifUy8hrIsneyZeT4fyoIUZmlCUvo', expected: { review: '(in a docstring)' }, twin: { value: fakeGithubToken, severity: 'block' } },
  { kind: 'stock default in .env', path: 'stack/.env', value: 'changeit', expected: 'nothing', twin: { value: () => randomChars(20), severity: 'block' } },
  { kind: 'product name as password in .env', path: 'stack/.env', value: 'rabbitmq', expected: 'nothing' },
  {
    kind: 'Kubernetes Secret whose data decodes to "password"',
    path: 'nimbusfs/k8s/nimbusfs-secret.yaml',
    value: b64('password'),
    expected: 'nothing',
    twin: { value: secretDataWithDigit, severity: 'block' },
  },
  { kind: 'Secret data decoding to the product name', path: 'nimbusfs/k8s/nimbusfs-secret.yaml', value: b64('nimbusfs'), expected: 'nothing' },
  { kind: 'Secret data decoding to the product name, in leetspeak', path: 'nimbusfs/k8s/nimbusfs-secret.yaml', value: b64('n1mbu5fs'), expected: 'nothing' },
  { kind: "secretlint's connection-string rule on a comment's placeholder", path: 'app/db/connection.rb', value: 'mypassword', expected: 'nothing', twin: { value: () => randomChars(18), severity: 'review' } },
  {
    kind: 'CSRF authenticity_token in a sample log',
    path: 'samples/development.log',
    value: 'sww2+OyHGcfzRngrJSAaTGatDgUYeCtqiBjl93ukAOKDodoT6vCKxVLSxBmZ2xuEavIifvjE6V2A+poZzrhf2w==',
    expected: 'nothing',
  },
  { kind: 'Authorization: Token in API reference docs', path: 'docs/api/authentication.md', value: '528dbb8714b67a1d6919bc1e81e06d78d32bf442', expected: 'nothing', twin: { value: fakeGithubToken, severity: 'block' } },
  {
    kind: 'Basic header that decodes to binary',
    path: 'src/http/basic_header_check.py',
    value: 'OQosWRr8Y8XlUCjgNNaN',
    expected: 'nothing',
    twin: { value: () => b64(`deploy:${randomChars(16)}`), severity: 'review' },
  },
  // (A key id alone is REVIEW by its rule: the id is not the secret half.)
  { kind: "AWS's documented example key id", path: 'src/aws/session.py', value: 'AKIAIOSFODNN7EXAMPLE', expected: 'nothing', twin: { value: awsKeyId, severity: 'review' } },
  {
    kind: "AWS's documented example secret key",
    path: 'src/aws/session.py',
    value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    expected: 'nothing',
    twin: { value: () => randomChars(40, `${BASE62}/+`), severity: 'block' },
  },
  {
    kind: 'JWT whose claims are placeholders (alice, example.com)',
    path: 'src/auth/session_check.js',
    value:
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImlzcyI6Imh0dHBzOi8vYXV0aC5leGFtcGxlLmNvbSJ9.JOkt9PtEDB-qOrDIgvxmGPPi6yzd44oEoaaBE1i7j_A',
    expected: 'nothing',
    twin: { value: liveLookingJwt, severity: 'review' },
  },
  { kind: 'toy Slack token (no random part)', path: 'src/slack/socket.py', value: 'xapp-B222-333-abc', expected: 'nothing', twin: { value: slackAppToken, severity: 'block' } },
  {
    kind: '"your…" placeholder password in appsettings',
    path: 'src/Orders.API/appsettings.Development.json',
    value: 'yourStrong(!)Secret',
    expected: 'nothing',
    twin: { value: () => randomChars(18), severity: 'block' },
  },
  { kind: 'generic secret in a test fixture', path: 'spec/session_cookie_spec.rb', value: '46a0c25f4d9754e4b96e0cd6be6bec4d', expected: { review: '(in a test fixture)' }, twin: { value: fakeGithubToken, severity: 'block' } },
  { kind: "a provider's context match in a test fixture", path: 'test/ingress/mandrill_ingress_test.rb', value: 'Lw1jdnUMBDBHCSlqmgn4YU', expected: { review: '(in a test fixture)' } },
];

type Place = JsonReport['findings'][number] & { line?: number };

/** Every place a finding stands, with the finding's severity and message. */
const placesOf = (report: JsonReport): Place[] => report.findings.flatMap((f) => [f, ...(f.locations ?? []).map((l) => ({ ...f, ...l }))]);

const lineOf = (root: string, path: string, value: string) => readFileSync(join(root, path), 'utf8').split('\n').findIndex((line) => line.includes(value)) + 1;

describe('the context stage on false alarms of public code (test/engine/context/false-alarms)', () => {
  let report: JsonReport;
  beforeAll(() => {
    ({ report } = scanJson([FOLDER, '--no-history', '--no-cache'], { timeoutMs: 60_000 }));
  });

  it('raises no BLOCK anywhere but the one real key', () => {
    const blocks = placesOf(report).filter((p) => p.severity === 'block');
    expect(blocks.map((p) => `${p.path}:${p.line}`)).toEqual(['deploy/storage-secret.yaml:7']);
  });

  it.each(CASES.map((c) => [c.kind, c] as const))('%s', (_, c) => {
    const line = lineOf(FOLDER, c.path, c.value);
    expect(line).toBeGreaterThan(0);
    const here = placesOf(report).filter((p) => p.path === c.path && p.line === line);
    if (c.expected === 'nothing') expect(here).toEqual([]);
    else {
      expect(here).toHaveLength(1);
      expect(here[0]).toMatchObject({ severity: 'review' });
      expect(here[0]!.message.startsWith(c.expected.review)).toBe(true);
    }
  });

  it('reports a base64 value and the key inside it once: the decoded key, as it blocks', () => {
    const here = placesOf(report).filter((p) => p.path === 'deploy/storage-secret.yaml');
    expect(here).toHaveLength(1);
    expect(here[0]!.message).toMatch(/^\(decoded from base64\)/);
  });
});

describe('realistic keys in the same places are still found', () => {
  const twins = CASES.filter((c) => c.twin);
  let root: string;
  let report: JsonReport;
  const planted = new Map<Case, string>();
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'airlock-context-'));
    cpSync(FOLDER, root, { recursive: true });
    for (const c of twins) {
      const file = join(root, c.path);
      const value = c.twin!.value();
      planted.set(c, value);
      writeFileSync(file, readFileSync(file, 'utf8').replace(c.value, value));
    }
    ({ report } = scanJson([root, '--no-history', '--no-cache'], { timeoutMs: 60_000 }));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each(twins.map((c) => [`${c.kind} → ${c.twin!.severity.toUpperCase()}`, c] as const))('%s', (_, c) => {
    const line = lineOf(root, c.path, planted.get(c)!);
    const here = placesOf(report).filter((p) => p.path === c.path && p.line === line);
    expect(here.map((p) => p.severity)).toContain(c.twin!.severity);
    expect(here.every((p) => p.severity === c.twin!.severity)).toBe(true);
  });
});
