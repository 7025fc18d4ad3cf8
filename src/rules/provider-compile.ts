import { fail, ok, type Outcome } from '../model/outcome.js';
import { generateExamples, spellings } from './provider-examples.js';
import { providerPattern } from './provider-pattern.js';
import type { ProviderEntry } from './provider-syntax.js';
import { describeShape, parseShape } from './provider-values.js';
import type { RuleDefinition } from './syntax.js';

/**
 * Turns one compact provider entry into an ordinary rule definition: the pattern built from the
 * entry's names and value shape, the names as prefilter keywords, and generated examples, so
 * the prefilter, keyword starts, masking and `airlock rules test` treat it like any other rule.
 * Pure: the same entry always gives the same rule.
 */

const DEFAULT_KIND = 'API key';

/**
 * Values that are documentation, not keys (checked on the value, case-insensitive). Words of six
 * letters or more, or `your` at the start: a long random key holds a given 4-letter word now and then.
 */
const PLACEHOLDER_WORDS = '^your|x{6}|example|sample|dummy|placeholder|changeme|redacted';

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export const defaultNames = (provider: string) => [provider.toLowerCase().replace(/[^a-z0-9]/g, '')];

export function compileProviderEntry(entry: ProviderEntry, file: string): Outcome<RuleDefinition> {
  const shape = parseShape(entry.value);
  if (typeof shape === 'string') return fail(`value: ${shape}`);
  const kind = entry.kind ?? DEFAULT_KIND;
  const id = entry.id ?? `${slug(entry.provider)}-${slug(kind)}`;
  const names = entry.names ?? defaultNames(entry.provider);
  if (names.some((n) => n.length < 4)) return fail(`names: "${names.find((n) => n.length < 4)}" is shorter than 4 characters; list the names the provider is written as`);
  const headers = entry.headers ?? [];
  const pattern = providerPattern({ names, headers, value: entry.pattern ?? shape.source, isPadded: shape.isPadded });
  const { examples, negative_examples } = generateExamples(id, shape, spellings(names, kind), headers);
  const access = entry.grants ? `It ${entry.grants}.` : `Whoever holds it calls ${entry.provider}'s API as the account that issued it.`;
  return ok({
    id,
    name: `${entry.provider} ${kind}`,
    provider: entry.provider,
    category: entry.category ?? 'token',
    severity: entry.severity ?? 'block',
    description:
      entry.description ??
      `A ${entry.provider} ${kind} (${describeShape(shape)}) written next to the provider's name, in an assignment, a header or a client's constructor. ${access}`,
    remediation:
      entry.remediation ??
      `Revoke the ${kind} in ${entry.provider}'s settings and issue a new one; read it at run time from the environment or a secret manager, not from a file in the folder.`,
    content: {
      pattern,
      keywords: [...new Set([...names, ...headers.map((h) => h.toLowerCase())])],
      entropy: Math.round(shape.minEntropy * 100) / 100,
      allow: [PLACEHOLDER_WORDS],
    },
    examples,
    negative_examples,
    file,
  });
}
