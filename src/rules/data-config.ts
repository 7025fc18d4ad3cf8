import { z } from 'zod';
import { DATA_CATEGORIES } from '../model/categories.js';
import type { RuleDefinition } from './syntax.js';

/**
 * The user's configuration file (`--config FILE`), checked at the boundary: unknown keys are
 * errors, so a misspelt field cannot quietly switch a rule off. Only `data` today: how data
 * rules (personal, proprietary, dumps) are judged, and the user's own sensitive terms.
 */
const word = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(200)
  .refine((text) => /[\x21-\x7e]{2}/.test(text), 'needs two printable ASCII characters in a row (they find the term fast)');

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/, 'must be a domain name such as acme.com');

export const dataConfigSyntax = z.strictObject({
  /** `block` makes every pii, proprietary and data-dump finding block instead of needing review. */
  severity: z.enum(['review', 'block']).optional(),
  /** Customer names, project code names…: each a finding wherever it occurs as a whole word. */
  terms: z.array(word).max(10_000).optional(),
  /** The company's mail domains: an address at one of them (or a subdomain) is a finding. */
  email_domains: z.array(domain).max(1_000).optional(),
  /** Distinct valid values (e-mail addresses, card numbers…) a file must hold to be reported (default 10). */
  min_personal_values: z.number().int().min(1).max(100_000).optional(),
});

export const configSyntax = z.strictObject({ data: dataConfigSyntax.optional() });

export type DataConfig = z.infer<typeof dataConfigSyntax>;
export type AirlockConfig = z.infer<typeof configSyntax>;


const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The longest run of printable ASCII in a term: its prefilter keyword (keywords are matched on bytes). */
const keywordOf = (term: string) => (term.match(/[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?/g) ?? []).sort((a, b) => b.length - a.length)[0]!;

const CONFIG_FILE = '(config)';

function termsRule(terms: readonly string[]): RuleDefinition {
  const unique = [...new Set(terms)].sort((a, b) => b.length - a.length);
  const first = unique.at(-1)!;
  return {
    id: 'config-sensitive-term',
    name: 'Sensitive term from the configuration',
    category: 'proprietary',
    severity: 'review',
    description: 'A term the configuration lists as sensitive (a customer, a project code name) occurs as a whole word.',
    remediation: 'Exclude the file from the mount unless the sandbox may see this material, or remove the term from it.',
    content: {
      // Whole words: no letter, digit or underscore on either side (any script).
      pattern: `(?<![\\p{L}\\p{N}_])(?<secret>${unique.map(escapeRegex).join('|')})(?![\\p{L}\\p{N}_])`,
      flags: 'iu',
      keywords: [...new Set(unique.map(keywordOf))],
    },
    examples: [`Notes on ${first}: kickoff on Monday.`, `${first.toUpperCase()}\n`],
    negative_examples: [`x${first}x`, `${first}_v2`],
    file: CONFIG_FILE,
  };
}

function emailDomainsRule(domains: readonly string[]): RuleDefinition {
  const unique = [...new Set(domains)];
  const first = unique[0]!;
  return {
    id: 'config-company-email',
    name: 'Company e-mail address',
    category: 'pii',
    severity: 'review',
    description: 'An e-mail address at a domain the configuration lists as the company\'s: a colleague\'s or customer\'s address, or an internal mailing list.',
    remediation: 'Exclude the file from the mount, or replace the addresses with ones at example.com.',
    content: {
      pattern: `(?<![\\w.+'-])(?<secret>[A-Za-z0-9][\\w.+'-]{0,63}@(?:[A-Za-z0-9-]{1,63}\\.){0,4}(?:${unique.map(escapeRegex).join('|')}))(?![\\w-]|\\.[A-Za-z0-9])`,
      flags: 'i',
      keywords: unique,
    },
    examples: [`contact: jane.doe@${first}`, `To: ops@eu.${first}`],
    negative_examples: [`https://${first}/about`, `jane@${first}.evil.io`],
    file: CONFIG_FILE,
  };
}

/**
 * The rule definitions a data configuration makes: the severity switch and the threshold
 * applied to the data rules, and a rule each for the user's terms and mail domains. Pure.
 */
export function applyDataConfig(definitions: readonly RuleDefinition[], data: DataConfig | undefined): RuleDefinition[] {
  if (!data) return [...definitions];
  const adjusted = definitions.map((definition) => {
    let next = definition;
    if (data.severity && DATA_CATEGORIES.includes(definition.category)) next = { ...next, severity: data.severity };
    if (data.min_personal_values !== undefined && next.content?.min_count !== undefined) {
      next = { ...next, content: { ...next.content, min_count: data.min_personal_values } };
    }
    return next;
  });
  const added = [
    ...(data.terms?.length ? [termsRule(data.terms)] : []),
    ...(data.email_domains?.length ? [emailDomainsRule(data.email_domains)] : []),
  ].map((rule) => (data.severity ? { ...rule, severity: data.severity } : rule));
  return [...adjusted, ...added];
}
