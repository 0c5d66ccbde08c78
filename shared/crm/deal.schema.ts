import { z } from 'zod';
import { expectedVersionSchema, idSchema, isoDateSchema, limits, nameSchema, notesSchema, optionalText, recordMetaSchema } from './common.schema';

/** Projects and offers share one status vocabulary; only `open` ones are suggested. */
export const dealStatuses = ['open', 'won', 'lost', 'cancelled', 'closed'] as const;
export type DealStatus = (typeof dealStatuses)[number];

const projectFields = {
  companyId: idSchema,
  number: optionalText(limits.code),
  title: nameSchema,
  status: z.enum(dealStatuses),
  startsOn: isoDateSchema.nullable(),
  endsOn: isoDateSchema.nullable(),
  ownerId: idSchema.nullable(),
  notes: notesSchema,
};

export const projectCreateSchema = z
  .object({
    ...projectFields,
    status: projectFields.status.default('open'),
    startsOn: projectFields.startsOn.optional(),
    endsOn: projectFields.endsOn.optional(),
    ownerId: projectFields.ownerId.optional(),
    notes: projectFields.notes.default(''),
  })
  .strict();
export type ProjectCreate = z.infer<typeof projectCreateSchema>;
export const projectPatchSchema = z.object(projectFields).partial().extend({ expectedVersion: expectedVersionSchema }).strict();
export type ProjectPatch = z.infer<typeof projectPatchSchema>;

export const projectSchema = recordMetaSchema.extend({
  companyId: idSchema,
  number: z.string().nullable(),
  title: z.string(),
  status: z.enum(dealStatuses),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  ownerId: idSchema.nullable(),
  notes: z.string(),
});
export type Project = z.infer<typeof projectSchema>;

const offerFields = {
  companyId: idSchema,
  projectId: idSchema.nullable(),
  number: optionalText(limits.code),
  title: nameSchema,
  status: z.enum(dealStatuses),
  /** Two decimals at most; stored as numeric so sums stay exact in SQL. */
  amount: z.number().min(0).max(1e13).multipleOf(0.01).nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Must be an ISO 4217 code like EUR').nullable(),
  validUntil: isoDateSchema.nullable(),
  ownerId: idSchema.nullable(),
  notes: notesSchema,
};

export const offerCreateSchema = z
  .object({
    ...offerFields,
    projectId: offerFields.projectId.optional(),
    status: offerFields.status.default('open'),
    amount: offerFields.amount.optional(),
    currency: offerFields.currency.optional(),
    validUntil: offerFields.validUntil.optional(),
    ownerId: offerFields.ownerId.optional(),
    notes: offerFields.notes.default(''),
  })
  .strict();
export type OfferCreate = z.infer<typeof offerCreateSchema>;
export const offerPatchSchema = z.object(offerFields).partial().extend({ expectedVersion: expectedVersionSchema }).strict();
export type OfferPatch = z.infer<typeof offerPatchSchema>;

export const offerSchema = recordMetaSchema.extend({
  companyId: idSchema,
  projectId: idSchema.nullable(),
  number: z.string().nullable(),
  title: z.string(),
  status: z.enum(dealStatuses),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  validUntil: z.string().nullable(),
  ownerId: idSchema.nullable(),
  notes: z.string(),
});
export type Offer = z.infer<typeof offerSchema>;
