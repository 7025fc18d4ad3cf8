import { DATA_CATEGORIES } from '../../model/categories.js';
import type { CompiledRule } from '../../model/rule.js';
import type { Severity } from '../../model/severity.js';

/**
 * How much a match says by its own shape. `structured`: a provider's token with a checksum or a
 * distinctive prefix, or a private key; live wherever it stands. `provider`: a provider's name
 * beside a value of the right shape. `generic`: a name like `password` or `secret` beside a value.
 * `fixed`: a rule gated to particular paths, whose author already chose where it applies.
 */
export type Strength = 'structured' | 'provider' | 'generic' | 'fixed';

/** The rule facts strength is read from: our rules give them all; secretlint's give an id. */
export interface RuleFacts {
  id: string;
  category: string;
  provider?: string;
  hasVerify: boolean;
  /** Whether a validator judges the value whole (a seed phrase's checksum): token placeholder words do not apply. */
  isJudgedByVerifier?: boolean;
  /** Lower-case literals one of which occurs in every match. */
  keywords: readonly string[];
  isPathGated: boolean;
  /** The severity a generic rule takes in a configuration file (`severity_in_config`), when the rule says. */
  severityInConfig?: Severity;
}

export function factsOf(rule: CompiledRule): RuleFacts {
  return {
    id: rule.id,
    category: rule.category,
    provider: rule.provider,
    hasVerify: rule.content?.verify !== undefined,
    isJudgedByVerifier: rule.content?.isJudgedByVerifier === true,
    keywords: rule.content?.keywords ?? [],
    // `include: ['**']` with exclusions is not a choice of files, only of files to leave out.
    isPathGated: rule.matchesPath !== undefined && !(rule.pathGlobs ?? []).includes('**'),
    ...(rule.severityInConfig === undefined ? {} : { severityInConfig: rule.severityInConfig }),
  };
}

/** secretlint's rules: connection strings and Basic credentials are generic, keys structured, the rest a provider's. */
export function secretlintFacts(id: string, category: string): RuleFacts {
  const isGeneric = /database-connection-string|basicauth|generic/i.test(id);
  const isKey = /privatekey|private-key/i.test(id);
  return { id, category: isKey ? 'private-key' : category, provider: isGeneric ? undefined : id, hasVerify: false, keywords: [], isPathGated: false };
}

/** A prefix of at least 3 characters that the secret starts with, from the rule's keywords. */
const startsWithKeyword = (secret: string, keywords: readonly string[]) => {
  const lower = secret.toLowerCase();
  return keywords.some((k) => k.length >= 3 && lower.startsWith(k));
};

/** A keyword that reads as a token's prefix: it ends in a separator (`fake_tok_`, `sk-`, `xoxb-`). */
const PREFIX_LIKE = /[_\-.]$/;

/**
 * A rule without a provider (a user's own rule, most often) is still structured when its
 * secrets begin with a prefix-like keyword: `acme_tok_…` is no generic `password = …`.
 */
/** The personal and proprietary data categories (one list, in the model). */
const DATA: ReadonlySet<string> = new Set(DATA_CATEGORIES);

/** Personal and proprietary data: its values are people's data, not credentials to judge as such. */
export const isDataRule = (facts: RuleFacts) => DATA.has(facts.category);

export function strengthOf(facts: RuleFacts, secret: string): Strength {
  // A private key or a wallet's keystore is a structure of its own, live wherever it stands.
  if (facts.category === 'private-key' || facts.category === 'keystore') return 'structured';
  // Personal and proprietary data rules say themselves where they apply and how much they weigh
  // (review by default; the config makes them block): no context moves them.
  if (isDataRule(facts)) return 'fixed';
  if (facts.isPathGated) return 'fixed';
  if (facts.provider === undefined) {
    return startsWithKeyword(secret, facts.keywords.filter((k) => PREFIX_LIKE.test(k))) ? 'structured' : 'generic';
  }
  return facts.hasVerify || startsWithKeyword(secret, facts.keywords) ? 'structured' : 'provider';
}
