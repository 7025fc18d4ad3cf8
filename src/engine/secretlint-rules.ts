import type { Category } from '../model/categories.js';

/**
 * The rules of secretlint's recommended preset, each with the keywords that any secret it
 * reports must contain, so that our prefilter decides whether it runs at all. A rule missing
 * from this table does not run: `secretlint-rules.test.ts` fails when the preset gains one.
 */
export interface SecretlintRule {
  id: string;
  keywords: string[];
  category: Category;
  /**
   * A pattern the text must match for the rule to report anything, where its keywords alone
   * are too common: secretlint's set-up for a file (a line index, the rule context) costs far
   * more than one regex pass. It must hold for every text the rule reports on.
   */
  gate?: RegExp;
  /**
   * Every range the rule reports holds one of its keywords (its keywords are the token's own
   * prefix): where each keyword in the text lies inside a span our rules already reported or
   * rejected, whatever secretlint reports would be dropped as that span's, so it is not run.
   */
  keywordInReport?: boolean;
}

export const SECRETLINT_KEYWORDS = {
  // We run the aws rule without options, so only its secret-access-key pattern runs
  // (`[AWS_]SECRET_ACCESS_KEY = …`); its key-id and account-id patterns need `enableIDScanRule`.
  '@secretlint/secretlint-rule-aws': { keywords: ['secret_access', 'secretaccess'], category: 'token' },
  '@secretlint/secretlint-rule-gcp': { keywords: ['private_key'], category: 'credential-file' },
  // Each report is an npm token, an .npmrc `_authToken=` line or a package's `x-oauth-basic` URL;
  // `npm_` alone is in most JavaScript projects (npm_config_…, npm_package_…).
  '@secretlint/secretlint-rule-npm': { keywords: ['npm_', '_authtoken', 'x-oauth-basic'], category: 'token', gate: /npm_[A-Za-z0-9_]{36}|_authToken=|x-oauth-basic@github\.com\// },
  '@secretlint/secretlint-rule-slack': { keywords: ['xoxb-', 'xoxp-', 'xapp-', 'xoxa-', 'xoxo-', 'xoxr-', 'hooks.slack.com'], category: 'token', keywordInReport: true },
  // `://` is in most source files; the rule needs `proto://user:password@host`.
  '@secretlint/secretlint-rule-basicauth': { keywords: ['://'], category: 'password', gate: /:\/\/[-\w]+:[-\w]+@/ },
  '@secretlint/secretlint-rule-openai': { keywords: ['t3blbkfj'], category: 'agent-credential', keywordInReport: true },
  '@secretlint/secretlint-rule-anthropic': { keywords: ['sk-ant-'], category: 'agent-credential', keywordInReport: true },
  '@secretlint/secretlint-rule-groq': { keywords: ['gsk_'], category: 'agent-credential', keywordInReport: true },
  '@secretlint/secretlint-rule-huggingface': { keywords: ['hf_'], category: 'agent-credential', keywordInReport: true },
  '@secretlint/secretlint-rule-linear': { keywords: ['lin_api_'], category: 'token', keywordInReport: true },
  '@secretlint/secretlint-rule-notion': { keywords: ['ntn_'], category: 'token', keywordInReport: true },
  // It reports a whole PEM block; "private key" alone is in every crypto library's docs.
  '@secretlint/secretlint-rule-privatekey': { keywords: ['private key'], category: 'private-key', gate: /-----BEGIN ?(?:(?:RSA|DSA|EC|OPENSSH|PGP) )?PRIVATE KEY/ },
  '@secretlint/secretlint-rule-sendgrid': { keywords: ['sg.'], category: 'token', gate: /SG\.\w+\.\w/, keywordInReport: true },
  '@secretlint/secretlint-rule-shopify': { keywords: ['shppa_', 'shpca_', 'shpat_', 'shpss_'], category: 'token', keywordInReport: true },
  '@secretlint/secretlint-rule-stripe': { keywords: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'], category: 'token', keywordInReport: true },
  '@secretlint/secretlint-rule-github': { keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'], category: 'token', keywordInReport: true },
  '@secretlint/secretlint-rule-gitlab': { keywords: ['glpat-'], category: 'token', keywordInReport: true },
  '@secretlint/secretlint-rule-grafana': { keywords: ['glc_', 'glsa_'], category: 'token', keywordInReport: true },
  '@secretlint/secretlint-rule-1password': { keywords: ['ops_ey'], category: 'token', keywordInReport: true },
  // It reports a URI with a user and a password; the database names alone are in most ORMs' code.
  '@secretlint/secretlint-rule-database-connection-string': {
    keywords: ['mongodb', 'mysql', 'postgres'],
    category: 'password',
    gate: /(?:mongodb(?:\+srv)?|mysqlx?|postgres(?:ql)?):\/\/[^:/\s]{1,100}:[^@/\s]{1,200}@/i,
  },
  '@secretlint/secretlint-rule-hashicorp-vault': { keywords: ['hvs.', 'hvb.', 'hvr.'], category: 'token', keywordInReport: true },
  '@secretlint/secretlint-rule-vercel': { keywords: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'], category: 'token', keywordInReport: true },
  '@secretlint/secretlint-rule-databricks': { keywords: ['dapi'], category: 'token', gate: /dapi[A-Fa-f0-9]{32}/, keywordInReport: true },
  '@secretlint/secretlint-rule-docker': { keywords: ['dckr_pat_'], category: 'token', keywordInReport: true },
  '@secretlint/secretlint-rule-figma': { keywords: ['figd_'], category: 'token', keywordInReport: true },
  '@secretlint/secretlint-rule-cloudflare': { keywords: ['cfk_', 'cfut_', 'cfat_'], category: 'token', keywordInReport: true },
  '@secretlint/secretlint-rule-tailscale': { keywords: ['tskey-'], category: 'token', keywordInReport: true },
} as const satisfies Record<string, { keywords: readonly string[]; category: Category; gate?: RegExp; keywordInReport?: boolean }>;

/**
 * Rules of the preset we do not run. `filter-comments` lets a file silence findings with a
 * comment; airlock reports suppressions itself and never lets a file hide a finding silently.
 */
export const SECRETLINT_EXCLUDED = ['@secretlint/secretlint-rule-filter-comments'] as const;

/** The table as rules; the preset's code is loaded only when a file needs one of them. */
export const SECRETLINT_RULES: SecretlintRule[] = Object.entries(SECRETLINT_KEYWORDS).map(([id, rule]) => ({ id, ...rule, keywords: [...rule.keywords] }));

/** `secretlint/aws` for `@secretlint/secretlint-rule-aws`. */
export function shortSecretlintId(id: string): string {
  return `secretlint/${id.replace(/^@secretlint\/secretlint-rule-/, '')}`;
}
