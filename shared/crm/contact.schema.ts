import { z } from 'zod';
import { addressSchema, emailSchema, expectedVersionSchema, idSchema, isoDateSchema, limits, notesSchema, optionalText, recordMetaSchema } from './common.schema';

export const phoneKinds = ['work', 'mobile', 'home', 'fax', 'other'] as const;
export const phoneSchema = z.object({ kind: z.enum(phoneKinds), number: z.string().trim().min(1).max(limits.code) }).strict();
export type Phone = z.infer<typeof phoneSchema>;

const contactFields = {
  companyId: idSchema.nullable(),
  salutation: optionalText(limits.code),
  title: optionalText(limits.code),
  firstName: z.string().trim().max(limits.shortText),
  lastName: z.string().trim().min(1).max(limits.shortText),
  jobTitle: optionalText(limits.name),
  department: optionalText(limits.name),
  /** The first address is the primary one; duplicates (after normalising) are refused. */
  emails: z
    .array(emailSchema)
    .max(limits.listItems)
    .refine((list) => new Set(list).size === list.length, 'E-mail addresses must be unique'),
  phones: z.array(phoneSchema).max(limits.listItems),
  address: addressSchema.nullable(),
  birthday: isoDateSchema.nullable(),
  notes: notesSchema,
  ownerId: idSchema.nullable(),
};

export const contactCreateSchema = z
  .object({
    ...contactFields,
    companyId: contactFields.companyId.optional(),
    firstName: contactFields.firstName.default(''),
    emails: contactFields.emails.default([]),
    phones: contactFields.phones.default([]),
    address: contactFields.address.optional(),
    birthday: contactFields.birthday.optional(),
    notes: contactFields.notes.default(''),
    ownerId: contactFields.ownerId.optional(),
  })
  .strict();
export type ContactCreate = z.infer<typeof contactCreateSchema>;

export const contactPatchSchema = z.object(contactFields).partial().extend({ expectedVersion: expectedVersionSchema }).strict();
export type ContactPatch = z.infer<typeof contactPatchSchema>;

export const contactSchema = recordMetaSchema.extend({
  companyId: idSchema.nullable(),
  salutation: z.string().nullable(),
  title: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  jobTitle: z.string().nullable(),
  department: z.string().nullable(),
  emails: z.array(z.string()),
  phones: z.array(phoneSchema),
  address: addressSchema.nullable(),
  birthday: z.string().nullable(),
  notes: z.string(),
  ownerId: idSchema.nullable(),
});
export type Contact = z.infer<typeof contactSchema>;
