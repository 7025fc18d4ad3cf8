import { z } from 'zod';
import { CATEGORIES } from '../../src/model/categories.js';

/** The JSON contract of ../shared/PRODUCT.md, as a strict schema: extra or missing keys fail. */
const finding = z.strictObject({
  ruleId: z.string().min(1),
  category: z.enum(CATEGORIES),
  severity: z.enum(['block', 'review', 'info']),
  root: z.string().startsWith('/'),
  path: z.string().min(1).refine((p) => !p.startsWith('/') && !p.includes('\\'), 'relative POSIX path'),
  line: z.number().int().min(1).optional(),
  column: z.number().int().min(1).optional(),
  source: z.enum(['file', 'git-history', 'staged']),
  commit: z.string().optional(),
  secret: z.string().optional(),
  fingerprint: z.string().regex(/^[0-9a-f]{16,64}$/),
  message: z.string().min(1),
  remediation: z.string().min(1),
  /** Additive: the walked file holding a finding found inside it (`a.zip!x/.env`, `db!t.c`, `lib.so@0x10`). */
  file: z.string().min(1).optional(),
  locations: z
    .array(
      z.strictObject({
        ruleId: z.string(),
        root: z.string().startsWith('/'),
        path: z.string().min(1),
        line: z.number().int().min(1).optional(),
        column: z.number().int().min(1).optional(),
        source: z.enum(['file', 'git-history', 'staged']),
        commit: z.string().optional(),
        file: z.string().min(1).optional(),
      }),
    )
    .min(1)
    .optional(),
});

export const scanDocument = z.strictObject({
  version: z.literal(2),
  verdict: z.enum(['go', 'review', 'incomplete', 'no-go']),
  complete: z.boolean(),
  roots: z.array(z.string().startsWith('/')).min(1),
  findings: z.array(finding),
  suppressed: z.array(
    z.strictObject({
      fingerprint: z.string(),
      path: z.string(),
      by: z.string(),
      root: z.string(),
      ruleId: z.string(),
      severity: z.enum(['block', 'review', 'info']),
      line: z.number().int().min(1).optional(),
    }),
  ),
  skipped: z.array(z.strictObject({ root: z.string(), path: z.string(), reason: z.string(), detail: z.string(), file: z.string().min(1).optional() })),
  excluded: z.array(z.strictObject({ root: z.string(), by: z.string(), entries: z.number().int().min(1) })),
  notices: z.array(z.string()),
  plan: z
    .strictObject({
      mounts: z.array(z.strictObject({ path: z.string(), mode: z.enum(['ro', 'rw']) })),
      excluded: z.array(z.strictObject({ path: z.string(), reason: z.string() })),
      /** Additive: only when the plan has more mounts than a person can check. */
      oversize: z
        .strictObject({
          limit: z.number().int().min(1),
          mounts: z.number().int().min(1),
          collapsed: z.strictObject({ mounts: z.number().int(), masks: z.number().int(), targets: z.array(z.string()).min(1) }),
          stage: z.array(z.string().startsWith('airlock stage ')),
        })
        .optional(),
    })
    .optional(),
  stats: z.strictObject({
    files: z.number().int(),
    bytes: z.number().int(),
    durationMs: z.number().int(),
    /** Additive: what was read inside files, and the media files not read. */
    inside: z.strictObject({ archives: z.number().int(), entries: z.number().int(), databases: z.number().int(), binaries: z.number().int(), media: z.number().int() }).optional(),
  }),
});

export type ScanDocument = z.infer<typeof scanDocument>;
