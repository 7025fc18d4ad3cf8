import { z } from 'zod';

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
