import { z } from 'zod';
import { emailSchema, idSchema } from './common.schema';
import { recordRefSchema, recordSummarySchema } from './record-ref.schema';

/**
 * Stable identities of an Exchange item (A6). Folder moves change the EWS id but keep the
 * Message-ID, iCalUId and immutable id, so a lookup by any of them finds the links.
 * The conversation id is kept for display and grouping only: a whole thread shares it.
 */
const identityValue = z.string().trim().min(1).max(1000);
export const itemIdentitiesSchema = z
  .object({
    internetMessageId: identityValue.optional(),
    iCalUId: identityValue.optional(),
    immutableId: identityValue.optional(),
    ewsId: identityValue.optional(),
    restId: identityValue.optional(),
  })
  .strict()
  .refine((ids) => Object.values(ids).some((v) => v !== undefined), { message: 'At least one item identity is needed' });
export type ItemIdentities = z.infer<typeof itemIdentitiesSchema>;
export const identityKinds = ['internetMessageId', 'iCalUId', 'immutableId', 'ewsId', 'restId'] as const;
export type IdentityKind = (typeof identityKinds)[number];

export const itemDescriptorSchema = z
  .object({
    kind: z.enum(['mail', 'appointment']),
    mailbox: emailSchema,
    identities: itemIdentitiesSchema,
    conversationId: identityValue.optional(),
    subject: z.string().max(1000).optional(),
  })
  .strict();
export type ItemDescriptor = z.infer<typeof itemDescriptorSchema>;

export const linkRequestSchema = z
  .object({ item: itemDescriptorSchema, records: z.array(recordRefSchema).min(1).max(50) })
  .strict();
export type LinkRequest = z.infer<typeof linkRequestSchema>;

export const unlinkRequestSchema = z
  .object({ identities: itemIdentitiesSchema, records: z.array(recordRefSchema).min(1).max(50) })
  .strict();
export type UnlinkRequest = z.infer<typeof unlinkRequestSchema>;

export const itemLinksQuerySchema = z
  .object({
    internetMessageId: identityValue.optional(),
    iCalUId: identityValue.optional(),
    immutableId: identityValue.optional(),
    ewsId: identityValue.optional(),
    restId: identityValue.optional(),
  })
  .strict()
  .refine((ids) => Object.values(ids).some((v) => v !== undefined), { message: 'At least one item identity is needed' });

export const linkedRecordSchema = z.object({ record: recordSummarySchema, linkedAt: z.string(), linkedBy: idSchema.nullable() });
export const itemLinksSchema = z.object({ itemId: idSchema.nullable(), links: z.array(linkedRecordSchema) });
export type ItemLinks = z.infer<typeof itemLinksSchema>;

export const linkedItemSchema = z.object({
  itemId: idSchema,
  kind: z.enum(['mail', 'appointment']),
  mailbox: z.string(),
  subject: z.string(),
  identities: z.object(Object.fromEntries(identityKinds.map((k) => [k, z.string().optional()])) as Record<IdentityKind, z.ZodOptional<z.ZodString>>),
  conversationId: z.string().nullable(),
  linkedAt: z.string(),
});
export type LinkedItem = z.infer<typeof linkedItemSchema>;
export const recordItemsSchema = z.object({ items: z.array(linkedItemSchema) });
