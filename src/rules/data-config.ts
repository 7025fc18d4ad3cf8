import { DATA_CATEGORIES } from '../model/categories.js';
import type { DataConfig } from './config-syntax.js';
import type { RuleDefinition } from './syntax.js';

/**
 * The rules a data configuration (`--config FILE`, its `data` section) makes and adjusts. Its
 * syntax is in config-syntax.ts: zod is loaded only when a configuration is read, not by every
 * scan (it was a fifth of a git hook's start).
 */
export type { AirlockConfig, DataConfig } from './config-syntax.js';

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
