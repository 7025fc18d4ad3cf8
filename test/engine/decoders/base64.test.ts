import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findEncoded } from '../../../src/engine/decoders/base64.js';
import { createRuleSet } from '../../../src/engine/rule-set.js';
import { scanContent } from '../../../src/engine/scan-file.js';
import { compileRules } from '../../../src/rules/compile.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../../src/rules/load.js';
import { fakeGithubToken } from '../../helpers/fake-secrets.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

async function builtinRuleSet() {
  const definitions = await loadRules([BUILTIN_RULES_DIR]);
  if (!definitions.ok) throw new Error(definitions.errors.join('\n'));
  const compiled = compileRules(definitions.value);
  if (!compiled.ok) throw new Error(compiled.errors.join('\n'));
  return createRuleSet(compiled.value, { useSecretlint: false });
}

const scan = async (path: string, text: string) =>
  (await scanContent(await builtinRuleSet(), path, Buffer.from(text), { showSecrets: true })).map((f) => ({
    ruleId: f.ruleId,
    line: f.line,
    secret: f.secret,
    isDecoded: f.message.startsWith('(decoded from base64'),
  }));

describe('secrets inside base64 values', () => {
  it('finds a token in a Kubernetes Secret, at the encoded value, saying it was decoded', async () => {
    const token = fakeGithubToken();
    const yaml = `apiVersion: v1\nkind: Secret\ndata:\n  token: ${b64(token)}\n`;
    // (generic-token-assignment sees the decoded `token: ghp_…` too; the pipeline reports the secret once.)
    expect(await scan('k8s/secret.yaml', yaml)).toContainEqual({ ruleId: 'github-pat', line: 4, secret: token, isDecoded: true });
  });

  it('finds a token in a Docker auths entry (user:token, encoded)', async () => {
    const token = fakeGithubToken();
    const json = JSON.stringify({ auths: { 'ghcr.io': { auth: b64(`bot:${token}`) } } });
    const found = await scan('config.json', json);
    expect(found).toContainEqual({ ruleId: 'github-pat', line: 1, secret: token, isDecoded: true });
  });

  it('decodes twice over (loot written out double-encoded), but no deeper than the limit', async () => {
    const token = fakeGithubToken();
    const twice = b64(b64(JSON.stringify({ GITHUB_TOKEN: token })));
    expect(await scan('data.json', twice)).toEqual([{ ruleId: 'github-pat', line: 1, secret: token, isDecoded: true }]);
    const thrice = b64(b64(b64(JSON.stringify({ GITHUB_TOKEN: token }))));
    expect(await scan('data.json', thrice)).toEqual([]);
  });

  it('leaves base64 images and binary payloads alone', async () => {
    const css = `.a{background:url(data:image/png;base64,${randomBytes(900).toString('base64')})}\n/* base64 */\n`;
    expect(await scan('style.css', css)).toEqual([]);
    expect(findEncoded(css, { bytes: 1 << 20 })).toEqual([]);
  });

  it('does not decode words, numbers, or beyond its byte budget', () => {
    expect(findEncoded('identifierNamesThatAreLongButPlain 12345678901234567890', { bytes: 1 << 20 })).toEqual([]);
    const many = Array.from({ length: 50 }, () => b64(`value ${randomBytes(12).toString('hex')}`)).join('\n');
    expect(findEncoded(many, { bytes: 100 }).length).toBeLessThan(5);
  });
});
