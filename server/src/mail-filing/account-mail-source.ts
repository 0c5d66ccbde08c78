import type { ExchangeConnection } from '../exchange/exchange-gateway';
import { EwsClient } from '../exchange/ews/ews-client';
import { DEFAULT_SERVER_VERSION, isEwsServerVersion } from '../exchange/ews/server-version';
import { credentialsOf } from '../exchange/ews-gateway/ews.gateway';
import type { AccountForSync } from '../sync/sync-config.port';
import { createEwsMailSource } from './ews-mail-source';
import { MailFilingRefusedError } from './mail-filing.service';
import type { MailSource } from './mail-source.port';

export interface AccountMailSourceDeps {
  /** The active mailbox account of an SMTP address, with its server's credentials opened. */
  findAccount(mailbox: string): Promise<AccountForSync | null>;
  readonly caCertPem?: string;
}

/**
 * Filing reads the mail through the same Exchange server and service account the admin
 * configured for the user's mailbox (B4), impersonating that mailbox; a mailbox without an
 * active account cannot be filed from, because nobody granted us access to it.
 */
export function createAccountMailSource(deps: AccountMailSourceDeps): MailSource {
  const clients = new Map<string, EwsClient>();
  const clientFor = (connection: ExchangeConnection): EwsClient => {
    // One client per server login, so sockets and OAuth tokens are shared between users.
    const key = `${connection.serverId}|${connection.ewsUrl}`;
    let client = clients.get(key);
    if (!client) {
      client = EwsClient.create({
        url: connection.ewsUrl,
        credentials: credentialsOf(connection, {}),
        version: isEwsServerVersion(connection.version) ? connection.version : DEFAULT_SERVER_VERSION,
        ...(deps.caCertPem ? { caCertPem: deps.caCertPem } : {}),
      });
      clients.set(key, client);
    }
    return client;
  };
  return {
    async fetchMessage(mailbox, itemId) {
      const account = await deps.findAccount(mailbox);
      if (!account?.active) {
        throw new MailFilingRefusedError('no-account', `No active mailbox account is configured for ${mailbox}; ask a CRM administrator to add it`);
      }
      return createEwsMailSource(clientFor(account.connection)).fetchMessage(mailbox, itemId);
    },
  };
}
