import { z } from 'zod';
import { addressSchema, domainSchema, expectedVersionSchema, idSchema, limits, nameSchema, notesSchema, optionalText, recordMetaSchema } from './common.schema';

const companyFields = {
  name: nameSchema,
  number: optionalText(limits.code),
  domains: z.array(domainSchema).max(limits.listItems),
  status: z.string().trim().min(1).max(limits.code),
  ownerId: idSchema.nullable(),
  /** When true only the owner, members of `groupIds` and admins see the company and everything under it. */
  restricted: z.boolean(),
  groupIds: z.array(idSchema).max(limits.listItems),
  phone: optionalText(limits.code),
  website: optionalText(limits.name),
  address: addressSchema.nullable(),
  notes: notesSchema,
};

export const companyCreateSchema = z
  .object({
    ...companyFields,
    domains: companyFields.domains.default([]),
    status: companyFields.status.default('active'),
    ownerId: companyFields.ownerId.optional(),
    restricted: companyFields.restricted.default(false),
    groupIds: companyFields.groupIds.default([]),
    address: companyFields.address.optional(),
    notes: companyFields.notes.default(''),
  })
  .strict();
export type CompanyCreate = z.infer<typeof companyCreateSchema>;

export const companyPatchSchema = z.object(companyFields).partial().extend({ expectedVersion: expectedVersionSchema }).strict();
export type CompanyPatch = z.infer<typeof companyPatchSchema>;

export const companySchema = recordMetaSchema.extend({
  name: z.string(),
  number: z.string().nullable(),
  domains: z.array(z.string()),
  status: z.string(),
  ownerId: idSchema.nullable(),
  restricted: z.boolean(),
  groupIds: z.array(idSchema),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  address: addressSchema.nullable(),
  notes: z.string(),
});
export type Company = z.infer<typeof companySchema>;
