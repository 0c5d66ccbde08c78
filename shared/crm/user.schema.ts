import { z } from 'zod';
import { emailSchema, expectedVersionSchema, idSchema, limits, nameSchema, recordMetaSchema } from './common.schema';

const userFields = {
  /** The token's stable user id; a user created by an admin gets it on first sign-in by e-mail. */
  subject: z.string().trim().min(1).max(limits.name).nullable(),
  email: emailSchema.nullable(),
  displayName: z.string().trim().max(limits.name),
  isAdmin: z.boolean(),
};

export const userCreateSchema = z
  .object({
    ...userFields,
    subject: userFields.subject.optional(),
    email: userFields.email.optional(),
    displayName: userFields.displayName.default(''),
    isAdmin: userFields.isAdmin.default(false),
  })
  .strict()
  .refine((u) => u.subject || u.email, { message: 'A user needs a subject or an e-mail address', path: ['email'] });
export type UserCreate = z.infer<typeof userCreateSchema>;
export const userPatchSchema = z.object(userFields).partial().extend({ expectedVersion: expectedVersionSchema }).strict();
export type UserPatch = z.infer<typeof userPatchSchema>;

export const userSchema = recordMetaSchema.extend({
  subject: z.string().nullable(),
  email: z.string().nullable(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  groupIds: z.array(idSchema),
});
export type CrmUser = z.infer<typeof userSchema>;

const groupFields = { name: nameSchema, memberIds: z.array(idSchema).max(10_000) };
export const groupCreateSchema = z.object({ ...groupFields, memberIds: groupFields.memberIds.default([]) }).strict();
export type GroupCreate = z.infer<typeof groupCreateSchema>;
export const groupPatchSchema = z.object(groupFields).partial().extend({ expectedVersion: expectedVersionSchema }).strict();
export type GroupPatch = z.infer<typeof groupPatchSchema>;
export const groupSchema = recordMetaSchema.extend({ name: z.string(), memberIds: z.array(idSchema) });
export type CrmGroup = z.infer<typeof groupSchema>;
