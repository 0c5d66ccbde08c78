import { z } from 'zod';
import { idSchema } from './common.schema';

/** Record types an Exchange item can be linked to, searched and suggested. */
export const linkableTypes = ['company', 'contact', 'project', 'offer'] as const;
export type LinkableType = (typeof linkableTypes)[number];

export const recordRefSchema = z.object({ type: z.enum(linkableTypes), id: idSchema }).strict();
export type RecordRef = z.infer<typeof recordRefSchema>;

/** What the add-in shows for a record without loading it: enough to render one list row. */
export const recordSummarySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('company'),
    id: idSchema,
    name: z.string(),
    number: z.string().nullable(),
    status: z.string(),
    domains: z.array(z.string()),
  }),
  z.object({
    type: z.literal('contact'),
    id: idSchema,
    name: z.string(),
    email: z.string().nullable(),
    jobTitle: z.string().nullable(),
    companyId: idSchema.nullable(),
    companyName: z.string().nullable(),
  }),
  z.object({
    type: z.literal('project'),
    id: idSchema,
    name: z.string(),
    number: z.string().nullable(),
    status: z.string(),
    companyId: idSchema,
    companyName: z.string(),
  }),
  z.object({
    type: z.literal('offer'),
    id: idSchema,
    name: z.string(),
    number: z.string().nullable(),
    status: z.string(),
    amount: z.number().nullable(),
    currency: z.string().nullable(),
    companyId: idSchema,
    companyName: z.string(),
  }),
]);
export type RecordSummary = z.infer<typeof recordSummarySchema>;
