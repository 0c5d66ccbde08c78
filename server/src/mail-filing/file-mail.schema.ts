import { z } from 'zod';
import { emailSchema } from '../../../shared/crm/common.schema';
import { recordRefSchema } from '../../../shared/crm/record-ref.schema';

/**
 * "File to CRM" (C8): the pane names the mail by its EWS id in the user's mailbox; the
 * server reads headers, body and attachment metadata itself, so the pane never handles
 * the body and needs no extra Office.js permission.
 */
export const fileMailRequestSchema = z
  .object({
    mailbox: emailSchema,
    ewsId: z.string().trim().min(1).max(1000),
    records: z.array(recordRefSchema).max(50).default([]),
  })
  .strict();
export type FileMailRequest = z.input<typeof fileMailRequestSchema>;

export const fileMailResponseSchema = z.object({
  mailId: z.string(),
  internetMessageId: z.string(),
  /** False when the mail had been filed before; filing is idempotent by Message-ID. */
  created: z.boolean(),
});
export type FileMailResponse = z.infer<typeof fileMailResponseSchema>;
