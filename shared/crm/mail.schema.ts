import { z } from 'zod';
import { emailSchema, idSchema, isoInstantSchema, limits, optionalText, recordMetaSchema } from './common.schema';

export const mailAddressSchema = z.object({ email: emailSchema, name: optionalText(limits.name) }).strict();
export type MailAddress = z.infer<typeof mailAddressSchema>;

export const attachmentMetaSchema = z
  .object({
    name: z.string().trim().min(1).max(255),
    contentType: z.string().trim().max(limits.name),
    size: z.number().int().min(0),
    isInline: z.boolean().default(false),
    contentId: optionalText(limits.name),
  })
  .strict();
export type AttachmentMeta = z.infer<typeof attachmentMetaSchema>;

/** Internet Message-ID as in RFC 5322, angle brackets included (`<…@…>`). */
export const internetMessageIdSchema = z.string().trim().min(3).max(998);

/** A mail filed to the CRM (A5): headers, body (sanitised on the server), attachment metadata. */
export const mailFileSchema = z
  .object({
    internetMessageId: internetMessageIdSchema,
    conversationId: optionalText(1000),
    subject: z.string().max(1000).default(''),
    from: mailAddressSchema.nullable().optional(),
    to: z.array(mailAddressSchema).max(500).default([]),
    cc: z.array(mailAddressSchema).max(500).default([]),
    sentAt: isoInstantSchema.nullable().optional(),
    receivedAt: isoInstantSchema.nullable().optional(),
    bodyType: z.enum(['html', 'text']),
    body: z.string().max(limits.body),
    attachments: z.array(attachmentMetaSchema).max(500).default([]),
  })
  .strict();
export type MailFile = z.infer<typeof mailFileSchema>;

export const mailSchema = recordMetaSchema.extend({
  internetMessageId: z.string(),
  conversationId: z.string().nullable(),
  subject: z.string(),
  from: mailAddressSchema.nullable(),
  to: z.array(mailAddressSchema),
  cc: z.array(mailAddressSchema),
  sentAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  bodyType: z.enum(['html', 'text']),
  body: z.string(),
  attachments: z.array(attachmentMetaSchema),
  filedBy: idSchema.nullable(),
});
export type Mail = z.infer<typeof mailSchema>;

export const fileMailResultSchema = z.object({ mail: mailSchema, created: z.boolean() });
export type FileMailResult = z.infer<typeof fileMailResultSchema>;
