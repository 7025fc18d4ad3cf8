import { z } from 'zod';
import { CATEGORIES } from '../model/categories.js';
import { SEVERITIES } from '../model/severity.js';
import { parseShape } from './provider-values.js';

/**
 * The shape of a provider file (`rules/providers/*.yml`), checked at the boundary: compact
 * entries for credentials without a distinctive prefix, found by the provider's name near a
 * value of the provider's shape. Unknown keys are errors, as in rule files.
 */
const nonEmpty = z.string().trim().min(1);

const ruleId = z
  .string()
  .regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, 'must be lower-case words joined by "-" (e.g. brevo-api-key)');

/** A spelling of the provider's name as it appears in identifiers and text: also a prefilter keyword. */
const name = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/, 'lower-case letters and digits (".", "_" or "-" inside), matched in any case')
  .min(4, 'at least 4 characters: a shorter name is a word in too many files');

const shape = nonEmpty.superRefine((spec, context) => {
  const parsed = parseShape(spec);
  if (typeof parsed === 'string') context.addIssue({ code: 'custom', message: parsed });
});

/** A header name that carries the credential, e.g. X-Foo-Api-Key. */
const header = z.string().regex(/^[A-Za-z][A-Za-z0-9-]{2,60}$/, 'a header name: letters, digits and "-"');

export const providerEntrySyntax = z.strictObject({
  /** Who issues the credential, as people write it: "Brevo", "Mailgun". */
  provider: nonEmpty,
  /** The rule id; default: the provider in lower case, then the kind (`brevo-api-key`). */
  id: ruleId.optional(),
  /** Spellings of the provider's name found near its keys; default: the provider, lower case, letters and digits only. */
  names: z.array(name).min(1).optional(),
  /** The value's shape from the closed vocabulary (see provider-values.ts). */
  value: shape,
  /** A regex for the value, when the vocabulary is too coarse; `value` still generates the examples. */
  pattern: nonEmpty.optional(),
  /** What the credential is called: "API key" (default), "token", "secret", "app password"… */
  kind: nonEmpty.optional(),
  /** Headers the credential is sent in (matched like the name: X-Foo-Token: value). */
  headers: z.array(header).optional(),
  category: z.enum(CATEGORIES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  /** What the credential gives access to, one phrase; completes the default description. */
  grants: nonEmpty.optional(),
  description: nonEmpty.optional(),
  remediation: nonEmpty.optional(),
});

export const providerFileSyntax = z.strictObject({
  providers: z.array(providerEntrySyntax).min(1),
});

export type ProviderEntry = z.infer<typeof providerEntrySyntax>;
