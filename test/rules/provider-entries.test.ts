import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createRuleSet } from '../../src/engine/rule-set.js';
import { scanContent } from '../../src/engine/scan-file.js';
import { checkExamples } from '../../src/rules/check-examples.js';
import { compileRule } from '../../src/rules/compile.js';
import { compileProviderEntry } from '../../src/rules/provider-compile.js';
import { providerEntrySyntax, type ProviderEntry } from '../../src/rules/provider-syntax.js';
import { generateValue, parseShape, seededRandom, type ValueShape } from '../../src/rules/provider-values.js';
import { REPO_DIR, runCli } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const ENTRY: ProviderEntry = { provider: 'Quuxmail', names: ['quuxmail', 'quux-mail'], value: 'hex32' };

function compiled(entry: ProviderEntry = ENTRY) {
  const definition = compileProviderEntry(providerEntrySyntax.parse(entry), 'providers/test.yml');
  if (!definition.ok) throw new Error(definition.errors.join('\n'));
  const rule = compileRule(definition.value);
  if (!rule.ok) throw new Error(rule.errors.join('\n'));
  return { definition: definition.value, rule: rule.value };
}

/** The secrets the rule finds in a text, unmasked, both through keyword starts and over the whole text. */
async function secretsIn(text: string, entry: ProviderEntry = ENTRY): Promise<string[]> {
  const ruleSet = createRuleSet([compiled(entry).rule], { useSecretlint: false });
  const found = [];
  for (const useKeywordStarts of [true, false]) {
    const findings = await scanContent(ruleSet, 'config.txt', Buffer.from(text), { showSecrets: true, useKeywordStarts });
    found.push(findings.map((f) => f.secret ?? ''));
  }
  expect(found[0]).toEqual(found[1]);
  return found[0]!;
}

const HEX = generateValue(parseShape('hex32') as ValueShape, seededRandom('the test value'));

describe('a compact provider entry', () => {
  it('compiles to an ordinary rule: defaults from the provider, names as keywords, anchored at them', () => {
    const { definition, rule } = compiled();
    expect(definition).toMatchObject({ id: 'quuxmail-api-key', name: 'Quuxmail API key', provider: 'Quuxmail', severity: 'block', category: 'token' });
    expect(definition.content?.keywords).toEqual(['quuxmail', 'quux-mail']);
    expect(definition.description).toContain('32 hex digits');
    expect(rule.content?.startOffsets()).toEqual(new Map([['quuxmail', [0]], ['quux-mail', [0]]]));
  });

  it('generates the same examples every time, which pass its own check', async () => {
    const { definition, rule } = compiled();
    expect(compiled().definition).toEqual(definition);
    expect(definition.examples.length).toBeGreaterThanOrEqual(2);
    expect(definition.negative_examples.length).toBeGreaterThanOrEqual(2);
    expect(await checkExamples(definition, rule)).toEqual([]);
  });

  it.each([
    ['an .env line', `QUUXMAIL_API_KEY=${HEX}`],
    ['the credential word first', `API_TOKEN_QUUXMAIL="${HEX}"`],
    ['camelCase in code', `const quuxmailApiKey = '${HEX}';`],
    ['a keyword argument', `client = QuuxMail(access_key="${HEX}")`],
    ['a constructor with the value alone', `mailer = new QuuxmailClient('${HEX}')`],
    ['a header', `curl -H "X-Quux-Mail-Token: ${HEX}" https://example.test`],
    ['YAML, the name on the line above', `quuxmail:\n  secret: ${HEX}\n`],
    ['an INI section', `[quuxmail]\napikey = ${HEX}\n`],
    ['prose in a log', `INFO using quuxmail key ${HEX} for outbound mail`],
    ['a bearer header', `quuxmail auth: Bearer ${HEX}`],
  ])('finds the value in %s', async (_, text) => {
    expect(await secretsIn(text)).toEqual([HEX]);
  });

  it.each([
    ['the name absent', `MAIL_API_KEY=${HEX}`],
    ['no credential word', `quuxmail = "${HEX}"`],
    ['an identifier that is not a credential', `quuxmail_api_key_id = ${HEX}\nquuxmailTokenUrl: ${HEX}`],
    ['a longer run of the same characters', `QUUXMAIL_API_KEY=${HEX}abc`],
    ['a shorter value', `QUUXMAIL_API_KEY=${HEX.slice(2)}`],
    ['a placeholder of the right shape', `QUUXMAIL_API_KEY=${'0'.repeat(32)}`],
    ['the name inside a longer word', `quuxmailer_key = ${HEX}`.replace('quuxmailer', 'xquuxmail')],
    ['the credential too far from the name', `quuxmail: ${'x'.repeat(60)} api_key=${HEX}`],
  ])('does not match with %s', async (_, text) => {
    expect(await secretsIn(text)).toEqual([]);
  });

  it('keeps a short name to its own word (ably is not found in probably)', async () => {
    const entry: ProviderEntry = { provider: 'Ably', value: 'alnum{20,30}' };
    const value = generateValue(parseShape('alnum24') as ValueShape, seededRandom('ably'));
    expect(await secretsIn(`ABLY_API_KEY=${value}`, entry)).toEqual([value]);
    expect(await secretsIn(`probably_api_key=${value}\nablyss_token=${value}`, entry)).toEqual([]);
  });

  it('matches listed headers and name:secret pairs', async () => {
    const entry: ProviderEntry = { provider: 'Quuxmail', value: "alnum12 ':' base64{40}", headers: ['X-QM-Auth'], kind: 'client credentials' };
    const pair = generateValue(parseShape("alnum12 ':' base64{40}") as ValueShape, seededRandom('pair'));
    expect(await secretsIn(`fetch(url, {headers: {"X-QM-Auth": "${pair}"}})`, entry)).toEqual([pair]);
    expect(compiled(entry).definition.id).toBe('quuxmail-client-credentials');
  });
});

describe('a provider file in a rules folder', () => {
  function folder(entries: unknown[]): string {
    const dir = join(useTempDir(), 'rules');
    mkdirSync(join(dir, 'providers'), { recursive: true });
    writeFileSync(join(dir, 'providers', 'p.yml'), stringify({ providers: entries }));
    return dir;
  }

  it('loads as rules of their own (rules list)', () => {
    const run = runCli(['rules', 'list', '--json', '--rules', folder([ENTRY])]);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { id: string }[]).at(-1)?.id).toBe('quuxmail-api-key');
  });

  it("README's provider entry passes its generated examples and finds a key in a scan", async () => {
    const block = /```yaml\n(providers:\n[\s\S]*?)```/.exec(readFileSync(join(REPO_DIR, 'README.md'), 'utf8'))?.[1];
    expect(block).toBeDefined();
    const [entry] = (parse(block!) as { providers: ProviderEntry[] }).providers;
    const { definition, rule } = compiled(entry);
    expect(await checkExamples(definition, rule)).toEqual([]);
    const dir = join(useTempDir(), 'rules');
    mkdirSync(join(dir, 'providers'), { recursive: true });
    writeFileSync(join(dir, 'providers', 'acme.yml'), block!);
    const project = join(dir, '..', 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'settings.py'), `ACMECORP_API_KEY = "${HEX}"\n`);
    const scanned = runCli(['scan', '--rules', dir, '--format', 'json', project]);
    expect((JSON.parse(scanned.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toContain('acme-api-key');
  });

  it.each([
    ['an unknown key', { ...ENTRY, severty: 'review' }, 'provider Quuxmail (#1): Unrecognized key: "severty"'],
    ['a value shape outside the vocabulary', { ...ENTRY, value: 'hexadecimal32' }, 'provider Quuxmail (#1): value: "hexadecimal32" is not a value shape (use e.g. hex32, alnum{20,40}, base64-44, uuid, or a quoted literal such as \':\')'],
    ['a name too short for the prefilter', { ...ENTRY, names: ['qm'] }, 'provider Quuxmail (#1): names.0: at least 4 characters: a shorter name is a word in too many files'],
  ])('rejects %s, naming file, entry and field', (_, entry, message) => {
    const dir = folder([entry]);
    const run = runCli(['rules', 'test', '--rules', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`airlock: ${dir}/providers/p.yml: ${message}\n`);
  });
});
