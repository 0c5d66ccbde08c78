import type { AccountForSync, SyncConfigPort } from '../sync/sync-config.port';
import type { BatchSettingsStore } from './batch-settings.store';
import type { ExchangeServerStore } from './exchange-server.store';
import type { MailboxAccountStore } from './mailbox-account.store';
import type { SyncRuleStore } from './sync-rule.store';

export interface SyncConfigStores {
  readonly servers: ExchangeServerStore;
  readonly accounts: MailboxAccountStore;
  readonly rules: SyncRuleStore;
  readonly batch: BatchSettingsStore;
}

/** The engine's view of the admin configuration: accounts with opened credentials, rules, settings. */
export function createSyncConfigAdapter(stores: SyncConfigStores): SyncConfigPort & { listActiveAccounts(): Promise<Array<{ accountId: string; serverId: string }>> } {
  return {
    async listActiveAccountIds() {
      return (await stores.accounts.listActive()).map((account) => account.accountId);
    },
    listActiveAccounts: () => stores.accounts.listActive(),
    async getAccountForSync(accountId): Promise<AccountForSync | null> {
      const account = await stores.accounts.get(accountId);
      if (!account) return null;
      const connection = await stores.servers.connection(account.serverId);
      if (!connection) return null;
      const override = await stores.accounts.overrideAuth(accountId);
      return {
        id: account.id,
        userId: account.userId,
        mailbox: account.mailbox,
        active: account.active,
        serverId: account.serverId,
        authFailurePolicy: account.authFailurePolicy,
        connection: override ? { ...connection, auth: override } : connection,
      };
    },
    listRules: () => stores.rules.list(),
    getBatchSettings: () => stores.batch.get(),
    deactivateAccount: (accountId, reason) => stores.accounts.deactivate(accountId, reason),
  };
}
