import { z } from 'zod';
import { authFailurePolicySchema, defaultAuthFailurePolicy } from './auth-failure-policy.schema';

/** B6: the one batch process "Exchange sync" (ConAktiv "Batch Prozess Einstellungen"). */
export const batchSettingsInputSchema = z.strictObject({
  intervalMinutes: z.number().int().min(1).max(1440).default(15),
  active: z.boolean().default(true),
  startAutomatically: z.boolean().default(true),
  /** Restricts the batch to one backend node; null lets every node take a share. */
  node: z.string().trim().min(1).max(200).nullable().default(null),
  authFailurePolicy: authFailurePolicySchema.default(defaultAuthFailurePolicy),
  /** B9: sync log entries older than this are removed. */
  logRetentionDays: z.number().int().min(1).max(3650).default(30),
});
export type BatchSettingsInput = z.infer<typeof batchSettingsInputSchema>;
export type BatchSettings = BatchSettingsInput;

/** A backend node that reported itself recently (B6): the console offers these names. */
export const batchNodeSchema = z.strictObject({
  name: z.string(),
  lastSeenAt: z.string(),
});
export type BatchNode = z.infer<typeof batchNodeSchema>;

export const batchStatusSchema = z.strictObject({
  state: z.enum(['running', 'idle', 'stopped']),
  lastRunAt: z.string().nullable(),
  nextRunAt: z.string().nullable(),
  /** Nodes seen in the last few minutes, most recent first; absent from older servers. */
  nodes: z.array(batchNodeSchema).optional(),
});
export type BatchStatus = z.infer<typeof batchStatusSchema>;

export const batchSettingsSchema = batchSettingsInputSchema.extend({ status: batchStatusSchema });
