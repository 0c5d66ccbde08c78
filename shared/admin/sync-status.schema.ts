import { z } from 'zod';

export const runCountsSchema = z.strictObject({
  created: z.number().int(),
  changed: z.number().int(),
  deleted: z.number().int(),
  conflicts: z.number().int(),
  failed: z.number().int(),
});

/** B9 status wall: one row per mailbox account. */
export const mailboxStatusSchema = z.strictObject({
  accountId: z.string(),
  mailbox: z.string(),
  active: z.boolean(),
  deactivatedReason: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorKind: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  alert: z.boolean(),
  counts: runCountsSchema,
});
export type MailboxStatusView = z.infer<typeof mailboxStatusSchema>;

export const syncRunSchema = z.strictObject({
  id: z.string(),
  accountId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  counts: runCountsSchema.nullable(),
  error: z.string().nullable(),
});

export const syncLogEntrySchema = z.strictObject({
  at: z.string(),
  side: z.enum(['crm', 'exchange', 'none']),
  action: z.string(),
  dataType: z.string().nullable(),
  crmId: z.string().nullable(),
  itemId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

export const exchangeFolderSchema = z.strictObject({
  id: z.string(),
  parentId: z.string().nullable(),
  displayName: z.string(),
  path: z.array(z.string()),
  folderClass: z.enum(['contacts', 'calendar', 'tasks', 'mail', 'other']),
  wellKnownName: z.string().nullable(),
});

export const runNowResultSchema = z.strictObject({
  status: z.enum(['synced', 'failed', 'skipped']),
  runId: z.string().nullable(),
  message: z.string(),
});
