import { z } from 'zod';

export const crmEntityTypes = ['company', 'contact', 'project', 'offer', 'appointment', 'task', 'mail', 'user', 'group'] as const;
export type CrmEntityType = (typeof crmEntityTypes)[number];
export const changeOperations = ['create', 'update', 'delete'] as const;
export type ChangeOperation = (typeof changeOperations)[number];

export const crmChangeSchema = z.object({
  seq: z.number().int(),
  entityType: z.enum(crmEntityTypes),
  entityId: z.guid(),
  operation: z.enum(changeOperations),
  version: z.number().int(),
  /** `api`, `auth` (user created on first sign-in) or `sync:<ruleOrAccountId>` for the engine's own writes. */
  origin: z.string(),
  at: z.string(),
});
export type CrmChange = z.infer<typeof crmChangeSchema>;

export const changesQuerySchema = z
  .object({
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    types: z
      .string()
      .max(200)
      .transform((s) => s.split(',').filter(Boolean))
      .pipe(z.array(z.enum(crmEntityTypes)))
      .optional(),
  })
  .strict();

export const changesPageSchema = z.object({ changes: z.array(crmChangeSchema), lastSeq: z.number().int() });
