import type { z } from 'zod';
import type { discoverUrlResultSchema, testConnectionResultSchema } from '../../../shared/admin/exchange-server.schema';
import { discoverEwsUrl } from '../exchange/autodiscover/discover-ews-url';
import { testConnection } from '../exchange/autodiscover/test-connection';
import { isExchangeError } from '../exchange/exchange-error';
import { createAuthProvider, type EwsCredentials } from '../exchange/ews/ews-auth';
import type { ExchangeConnection, ExchangeFolder, ExchangeGatewayFactory } from '../exchange/exchange-gateway';
import { createHttpClient } from '../exchange/ews/http-client';
import { isEwsServerVersion } from '../exchange/ews/server-version';
import { HttpError, notFound } from '../http/http-error';
import type { SyncConfigPort } from '../sync/sync-config.port';
import type { ExchangeServerStore } from './exchange-server.store';

type TestResult = z.infer<typeof testConnectionResultSchema>;
type DiscoverResult = z.infer<typeof discoverUrlResultSchema>;

export interface ExchangeConnectionDeps {
  readonly servers: ExchangeServerStore;
  readonly config: SyncConfigPort;
  readonly gatewayFor: ExchangeGatewayFactory;
  /** Extra trusted CA (on-premises PKI, the sandbox). */
  readonly caCertPem?: string;
  /** OAuth authority override (the sandbox's token service). */
  readonly oauthAuthority?: string;
}

function credentialsOf(connection: ExchangeConnection, oauthAuthority: string | undefined): EwsCredentials {
  return connection.auth.method === 'basic'
    ? { kind: 'basic', username: connection.alternativeLoginName ?? connection.auth.username, password: connection.auth.password }
    : { kind: 'oauth', tenantId: connection.auth.tenantId, clientId: connection.auth.clientId, clientSecret: connection.auth.clientSecret, authority: oauthAuthority };
}

/** B2 "Test connection" and "Discover URL", and the real folder tree a rule's folders are picked from (B5). */
export function createExchangeConnectionService(deps: ExchangeConnectionDeps) {
  async function requireConnection(serverId: string): Promise<ExchangeConnection> {
    const connection = await deps.servers.connection(serverId);
    if (!connection) throw notFound('Exchange server');
    return connection;
  }

  return {
    async test(serverId: string, mailbox: string | undefined): Promise<TestResult> {
      const connection = await requireConnection(serverId);
      const result = await testConnection({
        url: connection.ewsUrl,
        credentials: credentialsOf(connection, deps.oauthAuthority),
        version: isEwsServerVersion(connection.version) ? connection.version : undefined,
        impersonate: mailbox,
        caCertPem: deps.caCertPem,
      });
      return { ok: result.ok, errorKind: result.problem ?? null, message: result.message };
    },

    async discover(serverId: string, email: string): Promise<DiscoverResult> {
      const connection = await requireConnection(serverId);
      const http = createHttpClient({ caCertPem: deps.caCertPem });
      try {
        const auth = createAuthProvider(credentialsOf(connection, deps.oauthAuthority), { request: http.request });
        const found = await discoverEwsUrl({ email, auth, request: http.request });
        return { ewsUrl: found.ewsUrl, message: `Autodiscover found ${found.ewsUrl} for ${found.email}.` };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { ewsUrl: null, message: `Autodiscover found no EWS URL for ${email}: ${reason}` };
      } finally {
        http.close();
      }
    },

    async listFolders(accountId: string): Promise<ExchangeFolder[]> {
      const account = await deps.config.getAccountForSync(accountId);
      if (!account) throw notFound('Mailbox account');
      try {
        return await deps.gatewayFor(account.connection).listFolders(account.mailbox);
      } catch (error) {
        const kind = isExchangeError(error) ? error.kind : 'unknown';
        throw new HttpError('unavailable', `Exchange did not list the folders (${kind}); test the server connection for details`);
      }
    },
  };
}

export type ExchangeConnectionService = ReturnType<typeof createExchangeConnectionService>;
