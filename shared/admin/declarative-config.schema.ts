import { z } from 'zod';
import { batchSettingsInputSchema } from './batch-settings.schema';
import { exchangeServerInputSchema } from './exchange-server.schema';
import { mailboxAccountInputSchema } from './mailbox-account.schema';
import { syncRuleInputSchema } from './sync-rule.schema';

/**
 * The `TANDEM_CONFIG` file (JSON or YAML): what an admin would click together, with the
 * same validation as the API. Servers are matched by name, accounts by mailbox, rules by
 * description, so loading the same file twice changes nothing.
 */
export const declarativeConfigSchema = z.strictObject({
  servers: z.array(exchangeServerInputSchema).default([]),
  /** `server` names a server of this file or of the database instead of an id. */
  accounts: z.array(mailboxAccountInputSchema.omit({ serverId: true }).extend({ server: z.string().min(1) }).strict()).default([]),
  rules: z.array(syncRuleInputSchema).default([]),
  batch: batchSettingsInputSchema.optional(),
});
export type DeclarativeConfig = z.infer<typeof declarativeConfigSchema>;
