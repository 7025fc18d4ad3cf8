import { rules as presetRules } from '@secretlint/secretlint-rule-preset-recommend';
import { describe, expect, it } from 'vitest';
import { createRuleSet } from '../../src/engine/rule-set.js';
import { scanContent } from '../../src/engine/scan-file.js';
import { runSecretlint } from '../../src/engine/run-secretlint.js';
import { SECRETLINT_EXCLUDED, SECRETLINT_KEYWORDS, SECRETLINT_RULES, shortSecretlintId } from '../../src/engine/secretlint-rules.js';
import { DIGITS, HEX, LETTERS, randomChars } from '../helpers/fake-secrets.js';

type RuleId = keyof typeof SECRETLINT_KEYWORDS;
const shortName = (id: string) => shortSecretlintId(id).slice('secretlint/'.length);

/**
 * One positive sample per pattern of each preset rule, built at test time from the rule's own
 * regex (node_modules/@secretlint/secretlint-rule-preset-recommend/module/index.js). `keyword`
 * is the one prefilter keyword the sample holds: together the samples must use every keyword.
 * `secrets` are what airlock reports (the token itself, or the whole match where secretlint
 * reports no shorter value), in order.
 */
interface Sample {
  rule: RuleId;
  keyword: string;
  path: string;
  content: string;
  secrets: string[];
  /** Other rules that rightly report the same text (a URL with a token is also basic auth). */
  alsoReportedBy?: Partial<Record<string, string>>;
}

function sample(rule: RuleId, keyword: string, token: string, options: { before?: string; after?: string; path?: string } = {}): Sample {
  const { before = 'token = ', after = '', path = 'config/settings.txt' } = options;
  return { rule, keyword, path, content: `# settings\n${before}${token}${after}\n`, secrets: [token] };
}

function fakePem(label: string): string {
  const body = `MII${randomChars(253, `${LETTERS}${DIGITS}+/`)}`;
  const lines = body.match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----`;
}

/** A 1Password service-account token: `ops_` + base64 of a JSON object (so it ends in `fQ==`). */
function fake1PasswordToken(): string {
  for (let pad = 0; ; pad++) {
    const json = JSON.stringify({ signInAddress: 'my.1password.invalid', email: `${randomChars(10, LETTERS).toLowerCase()}@fake.invalid`, secretKey: randomChars(40 + pad) });
    const base64 = Buffer.from(json).toString('base64');
    if (base64.endsWith('fQ==')) return `ops_${base64}`;
  }
}

function buildSamples(): Sample[] {
  const password = randomChars(20);
  const npmUrlToken = randomChars(40);
  const gcpJson = `${JSON.stringify(
    {
      type: 'service_account',
      project_id: 'fake-project',
      private_key_id: randomChars(40, HEX),
      // Short body: only the gcp rule should fire, not the private-key rule as well.
      private_key: `-----BEGIN PRIVATE KEY-----\n${randomChars(40)}\n-----END PRIVATE KEY-----\n`,
      client_email: 'fake@fake-project.iam.gserviceaccount.invalid',
    },
    null,
    2,
  )}\n`;
  const pem = fakePem('RSA PRIVATE KEY');
  const urls = {
    basicauth: `https://deploy-bot:${password}@git.acme-internal.com`,
    mongodb: `mongodb+srv://app_rw:${randomChars(16)}@cluster0.acme-internal.net/app`,
    mysql: `mysql://app_rw:${randomChars(16)}@db.acme-internal.net:3306/app`,
    postgres: `postgresql://app_rw:${randomChars(16)}@db.acme-internal.net:5432/app`,
  };
  const ghsApp = `ghs_${randomChars(9, DIGITS)}_${randomChars(30)}.${randomChars(40)}.${randomChars(20)}`;
  return [
    sample('@secretlint/secretlint-rule-aws', 'secret_access', randomChars(40), { before: 'aws_secret_access_key = ' }),
    sample('@secretlint/secretlint-rule-aws', 'secretaccess', randomChars(40), { before: 'SecretAccessKey: ' }),
    {
      rule: '@secretlint/secretlint-rule-gcp',
      keyword: 'private_key',
      path: 'keys/service-account.json',
      content: gcpJson,
      secrets: [gcpJson],
    },
    { rule: '@secretlint/secretlint-rule-privatekey', keyword: 'private key', path: 'deploy/id_rsa', content: `${pem}\n`, secrets: [pem] },
    sample('@secretlint/secretlint-rule-npm', 'npm_', `npm_${randomChars(36)}`),
    sample('@secretlint/secretlint-rule-npm', '_authtoken', randomChars(36), { before: '//registry.npmjs.org/:_authToken=', path: '.npmrc' }),
    {
      rule: '@secretlint/secretlint-rule-npm',
      keyword: 'x-oauth-basic',
      path: 'package.json',
      content: `{\n  "repository": "https://${npmUrlToken}:x-oauth-basic@github.com/acme/app.git"\n}\n`,
      secrets: [npmUrlToken],
      alsoReportedBy: { 'secretlint/basicauth': `https://${npmUrlToken}:x-oauth-basic@github.com` },
    },
    sample('@secretlint/secretlint-rule-basicauth', '://', urls.basicauth, { before: 'git clone ', after: '/app.git' }),
    ...(['xoxb-', 'xoxp-', 'xapp-', 'xoxa-', 'xoxo-', 'xoxr-'] as const).map((prefix) =>
      sample('@secretlint/secretlint-rule-slack', prefix, `${prefix}${randomChars(12, DIGITS)}-${randomChars(13, DIGITS)}-${randomChars(24)}`),
    ),
    sample(
      '@secretlint/secretlint-rule-slack',
      'hooks.slack.com',
      `https://hooks.slack.com/services/T${randomChars(10)}/B${randomChars(10)}/${randomChars(24)}`,
    ),
    sample('@secretlint/secretlint-rule-sendgrid', 'sg.', `SG.${randomChars(22)}.${randomChars(43)}`),
    ...(['shppa_', 'shpca_', 'shpat_', 'shpss_'] as const).map((prefix) => sample('@secretlint/secretlint-rule-shopify', prefix, `${prefix}${randomChars(32)}`)),
    ...(['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'] as const).map((prefix) => sample('@secretlint/secretlint-rule-stripe', prefix, `${prefix}${randomChars(34)}`)),
    ...(['ghp_', 'gho_', 'ghu_', 'ghr_'] as const).map((prefix) => sample('@secretlint/secretlint-rule-github', prefix, `${prefix}${randomChars(36)}`)),
    sample('@secretlint/secretlint-rule-github', 'ghs_', ghsApp),
    sample('@secretlint/secretlint-rule-github', 'github_pat_', `github_pat_${randomChars(82)}`),
    sample('@secretlint/secretlint-rule-gitlab', 'glpat-', `glpat-${randomChars(20)}`),
    sample('@secretlint/secretlint-rule-grafana', 'glc_', `glc_${randomChars(60)}`),
    sample('@secretlint/secretlint-rule-grafana', 'glsa_', `glsa_${randomChars(32)}_${randomChars(8, HEX)}`),
    sample('@secretlint/secretlint-rule-openai', 't3blbkfj', `sk-proj-${randomChars(74)}T3BlbkFJ${randomChars(74)}`),
    sample('@secretlint/secretlint-rule-anthropic', 'sk-ant-', `sk-ant-api03-${randomChars(93)}AA`),
    sample('@secretlint/secretlint-rule-groq', 'gsk_', `gsk_${randomChars(52)}`),
    sample('@secretlint/secretlint-rule-huggingface', 'hf_', `hf_${randomChars(34, LETTERS)}`),
    sample('@secretlint/secretlint-rule-linear', 'lin_api_', `lin_api_${randomChars(40)}`),
    sample('@secretlint/secretlint-rule-notion', 'ntn_', `ntn_${randomChars(11, DIGITS)}${randomChars(35)}`),
    sample('@secretlint/secretlint-rule-1password', 'ops_ey', fake1PasswordToken()),
    ...(['mongodb', 'mysql', 'postgres'] as const).map((scheme) =>
      sample('@secretlint/secretlint-rule-database-connection-string', scheme, urls[scheme], { before: 'DATABASE_URL=' }),
    ),
    sample('@secretlint/secretlint-rule-hashicorp-vault', 'hvs.', `hvs.${randomChars(95)}`),
    sample('@secretlint/secretlint-rule-hashicorp-vault', 'hvb.', `hvb.${randomChars(140)}`),
    sample('@secretlint/secretlint-rule-hashicorp-vault', 'hvr.', `hvr.${randomChars(95)}`),
    ...(['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'] as const).map((prefix) => sample('@secretlint/secretlint-rule-vercel', prefix, `${prefix}${randomChars(24)}`)),
    sample('@secretlint/secretlint-rule-databricks', 'dapi', `dapi${randomChars(32, HEX)}`),
    sample('@secretlint/secretlint-rule-docker', 'dckr_pat_', `dckr_pat_${randomChars(27)}`),
    sample('@secretlint/secretlint-rule-figma', 'figd_', `figd_${randomChars(40)}`),
    ...(['cfk_', 'cfut_', 'cfat_'] as const).map((prefix) =>
      sample('@secretlint/secretlint-rule-cloudflare', prefix, `${prefix}${randomChars(40)}${randomChars(8, HEX)}`),
    ),
    sample('@secretlint/secretlint-rule-tailscale', 'tskey-', `tskey-api-k${randomChars(10)}-${randomChars(30)}`),
  ];
}

/** 1-based line and column of `index`, counted here independently of the engine's locator. */
function position(text: string, index: number) {
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

describe('the secretlint keyword table', () => {
  const presetIds = presetRules.map((rule) => rule.meta.id);

  it('lists every rule of the recommended preset, as run or as excluded', () => {
    const listed = [...Object.keys(SECRETLINT_KEYWORDS), ...SECRETLINT_EXCLUDED].sort();
    expect(listed).toEqual([...presetIds].sort());
    expect(presetIds).toHaveLength(28);
    expect(SECRETLINT_RULES.map((r) => r.id).sort()).toEqual(presetIds.filter((id) => id !== '@secretlint/secretlint-rule-filter-comments').sort());
  });

  it('holds lower-case keywords only (the prefilter lower-cases the text it finds)', () => {
    for (const { keywords } of Object.values(SECRETLINT_KEYWORDS)) {
      for (const keyword of keywords) expect(keyword).toBe(keyword.toLowerCase());
    }
  });

  const samples = buildSamples();

  it('has a sample for every keyword of every rule', () => {
    const missing = Object.entries(SECRETLINT_KEYWORDS).flatMap(([rule, { keywords }]) =>
      keywords.filter((k) => !samples.some((s) => s.rule === rule && s.keyword === k)).map((k) => `${shortName(rule)}: ${k}`),
    );
    expect(missing).toEqual([]);
  });

  // What lets the engine skip a rule whose keywords all lie inside spans our rules decided.
  const prefixed = samples.filter((s) => 'keywordInReport' in SECRETLINT_KEYWORDS[s.rule]);
  it.each(prefixed.map((s) => [`${shortName(s.rule)} via "${s.keyword}"`, s] as const))('%s: every range reported holds one of the rule\'s keywords', async (_, s) => {
    const rule = SECRETLINT_RULES.find((r) => r.id === s.rule)!;
    const hits = await runSecretlint([rule], s.content, s.path);
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      const reported = s.content.slice(hit.range.start, hit.range.end).toLowerCase();
      expect(rule.keywords.filter((k) => reported.includes(k)), reported).not.toEqual([]);
    }
  });

  describe.each(samples.map((s) => [`${shortName(s.rule)} via "${s.keyword}"`, s] as const))('%s', (_, s) => {
    it('holds its keyword and no other keyword of its rule, so that keyword alone activates the rule', () => {
      const ruleSet = createRuleSet([], { useSecretlint: true });
      const present = ruleSet.prefilter(Buffer.from(s.content));
      const own = SECRETLINT_KEYWORDS[s.rule].keywords as readonly string[];
      expect(own.filter((k) => present.has(k))).toEqual([s.keyword]);
    });

    it(`is reported as secretlint/${shortName(s.rule)} at the secret's line and column`, async () => {
      const ruleSet = createRuleSet([], { useSecretlint: true });
      const findings = await scanContent(ruleSet, s.path, Buffer.from(s.content), { showSecrets: true });
      const expected = [
        ...s.secrets.map((secret) => ({ ruleId: shortSecretlintId(s.rule), secret, ...position(s.content, s.content.indexOf(secret)) })),
        ...Object.entries(s.alsoReportedBy ?? {}).map(([ruleId, secret]) => ({ ruleId, secret: secret!, ...position(s.content, s.content.indexOf(secret!)) })),
      ].sort((a, b) => a.line - b.line || a.column - b.column);
      expect(findings.map(({ ruleId, secret, line, column }) => ({ ruleId, secret, line, column }))).toEqual(expected);
      const category = SECRETLINT_KEYWORDS[s.rule].category;
      // The context stage weighs secretlint's hits like ours: a connection string or Basic
      // credential (generic, no provider) blocks only in a configuration file; these samples are not.
      const isGeneric = /database-connection-string|basicauth/.test(s.rule) && !/\.env$|settings\.py$/.test(s.path);
      expect(findings.find((f) => f.ruleId === shortSecretlintId(s.rule))).toMatchObject({ category, severity: isGeneric ? 'review' : 'block' });
    });
  });
});

/** Random texts near what a gated rule reports: some it reports, some it does not. */
const GATE_PROBES: Record<string, () => string> = {
  '@secretlint/secretlint-rule-basicauth': () => {
    const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;
    const userChars = `${LETTERS}${DIGITS}-_`;
    const user = randomChars(2 + Math.floor(Math.random() * 10), userChars);
    const password = randomChars(4 + Math.floor(Math.random() * 14), userChars);
    const host = `${randomChars(1 + Math.floor(Math.random() * 9), `${LETTERS}${DIGITS}%._+~#=-`)}.${randomChars(1 + Math.floor(Math.random() * 5), `${LETTERS}${DIGITS}()`)}`;
    const separator = pick([':', ':', ':', ' :', '%3A']);
    const at = pick(['@', '@', '@', ' @', '%40']);
    return `see ${pick(['http', 'https', 'ftp', 'ftps', 'ssh'])}://${user}${separator}${password}${at}${host}/path for details`;
  },
  // A SendGrid key is 69 characters: SG. + 22 + . + 43; lengths one off, or no second dot, are not reported.
  '@secretlint/secretlint-rule-sendgrid': () => {
    const off = () => (Math.random() < 0.7 ? 0 : Math.floor(Math.random() * 3) - 1);
    const dot = Math.random() < 0.2 ? '-' : '.';
    return `key: SG.${randomChars(22 + off(), `${LETTERS}${DIGITS}_`)}${dot}${randomChars(43 + off(), `${LETTERS}${DIGITS}_-`)}`;
  },
  // URIs of the three databases, with a user and password or without, some broken by a space.
  '@secretlint/secretlint-rule-database-connection-string': () => {
    const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;
    const scheme = pick(['mongodb', 'mongodb+srv', 'MongoDB', 'mysql', 'mysqlx', 'jdbc:mysql', 'postgres', 'postgresql', 'POSTGRES']);
    const user = randomChars(3 + Math.floor(Math.random() * 8), `${LETTERS}${DIGITS}_`);
    const password = randomChars(4 + Math.floor(Math.random() * 16), `${LETTERS}${DIGITS}!%*_-`);
    const credentials = pick([`${user}:${password}@`, `${user}:${password}@`, `${user}@`, '', `${user}: ${password}@`]);
    return `url = "${scheme}://${credentials}db${randomChars(3, DIGITS)}.internal:5432/app?ssl=true"`;
  },
  // npm tokens of the right length or one off, beside npm's environment variables.
  '@secretlint/secretlint-rule-npm': () => {
    const length = Math.random() < 0.7 ? 36 : 35;
    const token = Math.random() < 0.8 ? `npm_${randomChars(length, `${LETTERS}${DIGITS}`)}` : `npm_config_${randomChars(8, LETTERS)}`;
    return `export NPM_TOKEN=${token}\necho $npm_package_version\n`;
  },
  // PEM blocks of the kinds it names, some with the header spelled otherwise or too short a body.
  '@secretlint/secretlint-rule-privatekey': () => {
    const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;
    const kind = pick(['', 'RSA ', 'EC ', 'DSA ', 'OPENSSH ', 'PGP ', 'ENCRYPTED ', 'rsa ']);
    // A DER key's base64 begins MI (a SEQUENCE); secretlint checks that too.
    const body = `MI${randomChars(Math.random() < 0.8 ? 120 + Math.floor(Math.random() * 400) : 40, `${LETTERS}${DIGITS}+/`)}`.replace(/(.{64})/g, '$1\n');
    const label = Math.random() < 0.9 ? 'PRIVATE KEY' : 'private key';
    return `key:\n-----BEGIN ${kind}${label}-----\n${body}\n-----END ${kind}${label}-----\n`;
  },
  // 32 hex digits after dapi; some probes one short, or with a letter that is not hex.
  '@secretlint/secretlint-rule-databricks': () => {
    const body = randomChars(Math.random() < 0.8 ? 32 : 31, `${HEX}ABCDEF`);
    const spoiled = Math.random() < 0.15 ? `${body.slice(0, 10)}x${body.slice(11)}` : body;
    return `token dapi${spoiled}${Math.random() < 0.5 ? '-2' : ''} here`;
  },
};

describe('gated secretlint rules', () => {
  const gated = SECRETLINT_RULES.filter((rule) => rule.gate !== undefined);

  it('has probes for every gated rule', () => {
    expect(gated.map((rule) => rule.id).sort()).toEqual(Object.keys(GATE_PROBES).sort());
  });

  // The gate only saves time if it is true wherever secretlint would report: run the rule
  // itself (without its gate) on random texts, and check the gate on every text it reports on.
  it.each(gated.map((rule) => [shortName(rule.id), rule] as const))('%s: the gate holds for every text secretlint reports on', async (_, rule) => {
    const ungated = { ...rule, gate: undefined };
    let reported = 0;
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      const text = GATE_PROBES[rule.id]!();
      const hits = await runSecretlint([ungated], text, 'notes.txt');
      if (hits.length > 0) {
        reported++;
        expect(rule.gate!.test(text), text).toBe(true);
      } else if (!rule.gate!.test(text)) refused++;
    }
    // Not vacuous: secretlint reported on many probes, and the gate turned others away.
    expect(reported).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(10);
  });
});
