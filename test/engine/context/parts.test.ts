import { describe, expect, it } from 'vitest';
import { decodedText, filePurpose, isKnownPublicExample, isToyJwt } from '../../../src/engine/context/index.js';
import { weigh } from '../../../src/engine/context/policy.js';
import { matchPosition } from '../../../src/engine/context/position.js';
import { strengthOf, type RuleFacts } from '../../../src/engine/context/strength.js';
import { fakeGithubToken, randomChars } from '../../helpers/fake-secrets.js';

const b64url = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
const jwt = (claims: object) => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}.${Buffer.from(randomChars(32)).toString('base64url')}`;

describe('file purpose, from the path', () => {
  it.each([
    ['docs/config.rst', 'documentation'],
    ['guides/source/security.md', 'documentation'],
    ['docs_src/security/tutorial.py', 'documentation'],
    ['README.md', 'documentation'],
    ['notes/passwords.txt', 'source'],
    ['test/dummy/config/secrets.yml', 'test'],
    ['src/auth/login.test.ts', 'test'],
    ['pkg/auth/login_test.go', 'test'],
    ['tests/test_client.py', 'test'],
    ['.env', 'configuration'],
    ['deploy/.env.production', 'configuration'],
    ['infra/prod.tfvars', 'configuration'],
    ['config/secrets.json', 'configuration'],
    ['src/main/resources/application-prod.properties', 'configuration'],
    ['src/Api/appsettings.Development.json', 'configuration'],
    ['mysite/settings.py', 'configuration'],
    ['package-lock.json', 'lockfile'],
    ['web/vendor/lib.js', 'generated'],
    ['app/assets/app.min.js', 'generated'],
    ['src/app/server.ts', 'source'],
  ])('%s is %s', (path, purpose) => {
    expect(filePurpose(path)).toBe(purpose);
  });
});

describe('match position, from the text around it', () => {
  const at = (path: string, text: string, needle = 'VALUE') => matchPosition(path, text, text.indexOf(needle));
  it.each([
    ['a.rb', "  # user = User.new(password: 'VALUE')\n", 'comment'],
    ['a.py', 'x = 1  # token VALUE\n', 'comment'],
    ['a.py', "x = '# not a comment VALUE'\n", 'code'],
    ['a.py', 'def f():\n    """Example:\n\n        f(key="VALUE")\n    """\n', 'docstring'],
    ['a.py', '"""Module."""\nkey = "VALUE"\n', 'code'],
    ['a.ts', '// const key = "VALUE";\n', 'comment'],
    ['a.ts', '/**\n * const key = "VALUE";\n */\n', 'comment'],
    ['a.ts', 'const url = "https://x.io/VALUE";\n', 'code'],
    ['a.md', 'Text\n\n```sh\nexport KEY=VALUE\n```\n', 'fenced-code'],
    ['a.md', 'Text\n\n```sh\nls\n```\n\nthe key is VALUE\n', 'prose'],
    ['a.sql', '-- password VALUE\n', 'comment'],
  ])('%s %j is %s', (path, text, position) => {
    expect(at(path, text)).toBe(position);
  });
});

describe('strength and the severity policy', () => {
  const facts = (more: Partial<RuleFacts>): RuleFacts => ({ id: 'r', category: 'token', hasVerify: false, keywords: [], isPathGated: false, ...more });

  it('reads structure from a checksum, a prefix or a private key; a provider name alone; no provider as generic', () => {
    expect(strengthOf(facts({ provider: 'GitHub', keywords: ['ghp_'] }), fakeGithubToken())).toBe('structured');
    expect(strengthOf(facts({ provider: 'Mandrill', keywords: ['mandrill'] }), randomChars(22))).toBe('provider');
    expect(strengthOf(facts({ category: 'private-key' }), randomChars(64))).toBe('structured');
    expect(strengthOf(facts({ keywords: ['secret'] }), randomChars(32))).toBe('generic');
    expect(strengthOf(facts({ keywords: ['acme_tok_'] }), `acme_tok_${randomChars(32)}`)).toBe('structured');
    expect(strengthOf(facts({ isPathGated: true }), randomChars(32))).toBe('fixed');
  });

  it('keeps structured BLOCKs everywhere, lowers the rest in documentation, comments and tests, blocks generic ones only in configuration', () => {
    expect(weigh('block', 'structured', 'documentation', 'prose')).toEqual({ severity: 'block' });
    expect(weigh('block', 'provider', 'source', 'comment')).toEqual({ severity: 'review', reason: 'in a comment' });
    expect(weigh('block', 'provider', 'test', 'code')).toEqual({ severity: 'review', reason: 'in a test fixture' });
    expect(weigh('block', 'provider', 'source', 'code')).toEqual({ severity: 'block' });
    expect(weigh('block', 'generic', 'documentation', 'fenced-code')).toEqual({ severity: 'review', reason: 'in documentation' });
    expect(weigh('block', 'generic', 'source', 'code')).toEqual({ severity: 'review', reason: 'not in a configuration file' });
    expect(weigh('block', 'generic', 'configuration', 'code')).toEqual({ severity: 'block' });
    expect(weigh('review', 'generic', 'configuration', 'code', 'block')).toEqual({ severity: 'block' });
    expect(weigh('block', 'generic', 'configuration', 'comment')).toEqual({ severity: 'review', reason: 'in a comment' });
  });
});

describe('values judged on what they decode to', () => {
  it('takes a JWT with placeholder claims, an empty payload or a demo issuer for a toy; one with real-looking claims is not', () => {
    expect(isToyJwt(jwt({ sub: 'foo' }))).toBe(true);
    expect(isToyJwt(jwt({ sub: 'username:bob' }))).toBe(true);
    expect(isToyJwt(jwt({}))).toBe(true);
    expect(isToyJwt(jwt({ sub: '7731', iss: 'https://auth.example.com' }))).toBe(true);
    expect(isToyJwt(jwt({ sub: '7731', iss: 'https://login.acme-corp.io', scope: 'orders:write' }))).toBe(false);
    expect(isToyJwt(randomChars(40))).toBe(false);
  });

  it('decodes base64 only when it is exactly text', () => {
    expect(decodedText(Buffer.from('password').toString('base64'))).toBe('password');
    expect(decodedText(Buffer.from([0, 159, 146, 150, 1, 2]).toString('base64'))).toBeUndefined();
    expect(decodedText('not base64!')).toBeUndefined();
  });

  it('knows the documented examples exactly, and nothing near them', () => {
    expect(isKnownPublicExample('AKIAIOSFODNN7EXAMPLE')).toBe(true);
    expect(isKnownPublicExample('AKIAIOSFODNN7EXAMPLF')).toBe(false);
  });
});
