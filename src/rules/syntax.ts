import { z } from 'zod';
import { CATEGORIES } from '../model/categories.js';
import { SEVERITIES } from '../model/severity.js';
import { VERIFIER_NAMES } from '../engine/verifiers.js';
import { START_FINDER_NAMES } from '../engine/validators/index.js';

/**
 * The shape of a rule file, checked at the boundary. Unknown keys are errors everywhere, so a
 * misspelt field cannot quietly switch a matcher off.
 */
const ruleId = z
  .string()
  .regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, 'must be lower-case words joined by "-" (e.g. github-pat)');

const nonEmpty = z.string().trim().min(1);

const example = z.union([
  z.string(),
  z.strictObject({ path: nonEmpty.optional(), content: z.string().optional() }),
]);

export const pathMatcherSyntax = z.strictObject({
  include: z.array(nonEmpty).min(1),
  exclude: z.array(nonEmpty).optional(),
  /** Match the globs whatever the case of the path (`Passport.JPG`); the globs are written in lower case. */
  ignore_case: z.boolean().optional(),
});

export const contentMatcherSyntax = z.strictObject({
  pattern: nonEmpty,
  flags: z
    .string()
    .regex(/^[imsu]*$/, 'may only hold the flags i, m, s and u')
    .optional(),
  /**
   * Literals one of which every match holds, for the prefilter. Only a rule whose path globs
   * select its files (not `**`) may leave them out: it then runs on every file its path selects.
   */
  keywords: z
    // Not trimmed: a space may end a keyword (`expo ` is Expo, `expor…` is JavaScript).
    .array(z.string().regex(/^[\x20-\x7e]*[\x21-\x7e][\x20-\x7e]*$/, 'keywords are printable ASCII (matched on bytes, ASCII case folded), not only spaces'))
    .min(1, 'needs at least one keyword for the prefilter')
    .optional(),
  entropy: z.number().min(0).max(8).optional(),
  /**
   * The least randomness the secret must show (engine/randomness: BPE tokens per character,
   * 0 to 1; words score about 0.15 to 0.3, generated values 0.5 to 0.8). See docs/randomness.md.
   */
  randomness: z.number().gt(0).max(1).optional(),
  allow: z.array(nonEmpty).optional(),
  /** Patterns that must all occur somewhere in the file before `pattern` is tried. */
  requires: z.array(nonEmpty).optional(),
  /** A named check of the secret's own structure (a checksum). */
  verify: z.enum(VERIFIER_NAMES).optional(),
  /**
   * A named pass over the text that finds where a match can begin (`bip39-phrase`: the words of
   * runs holding 12 BIP-39 words in a row), for a rule with no keyword to anchor it: the rule is
   * tried only there. The examples must be found through it.
   */
  starts: z.enum(START_FINDER_NAMES).optional(),
  /**
   * Personal data by volume: the rule reports a file once, when it holds at least this many
   * distinct (verified) values, with their count; fewer are no finding.
   */
  min_count: z.number().int().min(1).max(100_000).optional(),
});

export const ruleSyntax = z
  .strictObject({
    id: ruleId,
    name: nonEmpty,
    /** Who issues the credential ("GitHub", "AWS"); absent for generic rules (.env, context). */
    provider: nonEmpty.optional(),
    category: z.enum(CATEGORIES),
    severity: z.enum(SEVERITIES),
    /** The severity in a file whose purpose is configuration (.env, *.tfvars, settings.py…), when it differs. */
    severity_in_config: z.enum(SEVERITIES).optional(),
    description: nonEmpty,
    remediation: nonEmpty,
    path: pathMatcherSyntax.optional(),
    content: contentMatcherSyntax.optional(),
    examples: z.array(example).min(2, 'needs at least two examples'),
    negative_examples: z.array(example).min(2, 'needs at least two negative examples (near misses)'),
  })
  .refine((rule) => rule.path !== undefined || rule.content !== undefined, {
    message: 'needs a path or a content matcher',
    path: ['path'],
  })
  .refine((rule) => rule.content === undefined || rule.content.keywords !== undefined || (rule.path !== undefined && !rule.path.include.includes('**')), {
    message: 'needs at least one keyword for the prefilter (only a rule whose path globs select its files may leave them out)',
    path: ['content', 'keywords'],
  });

export const ruleFileSyntax = z.strictObject({
  rules: z.array(ruleSyntax).min(1),
});

export type RuleSyntax = z.infer<typeof ruleSyntax>;
export type RuleExample = z.infer<typeof example>;

/** A rule as loaded: its syntax plus where it came from, plain data that can cross to a worker. */
export interface RuleDefinition extends RuleSyntax {
  file: string;
}
