import { z } from 'zod';
import { authFailurePolicySchema } from './auth-failure-policy.schema';
import { exchangeAuthInputSchema, exchangeAuthOutputSchema } from './exchange-server.schema';

/** B4: one CRM user's mailbox, reached through a server's (impersonating) service account. */
export const mailboxAccountInputSchema = z.strictObject({
  userId: z.string().trim().min(1).max(200),
  mailbox: z.email().transform((address) => address.toLowerCase()),
  serverId: z.string().trim().min(1).max(200),
  active: z.boolean().default(true),
  /** Null: the global 401 policy of the batch settings applies. */
  authFailurePolicy: authFailurePolicySchema.nullable().default(null),
  /** B3: the server's central credentials unless this account overrides them. */
  authOverride: exchangeAuthInputSchema.nullable().default(null),
});
export type MailboxAccountInput = z.infer<typeof mailboxAccountInputSchema>;

export const mailboxAccountSchema = z.strictObject({
  id: z.string(),
  userId: z.string(),
  mailbox: z.string(),
  serverId: z.string(),
  active: z.boolean(),
  authFailurePolicy: authFailurePolicySchema.nullable(),
  authOverride: exchangeAuthOutputSchema.nullable(),
  /** Why the engine deactivated the account (401 policy, impersonation denied), if it did. */
  deactivatedReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MailboxAccount = z.infer<typeof mailboxAccountSchema>;
