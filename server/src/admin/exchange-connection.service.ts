import type { z } from 'zod';
import type { discoverUrlResultSchema, testConnectionResultSchema } from '../../../shared/admin/exchange-server.schema';
import { endpointsForHost } from '../exchange/autodiscover/autodiscover-candidates';
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

/** Credentials typed into the new-server form, used for one Autodiscover and then forgotten. */
export interface DraftDiscoverInput {
  readonly email: string;
  /** What the admin typed as EWS URL so far (maybe only the host): its host is asked first. */
  readonly ewsUrl?: string | undefined;
  readonly alternativeLoginName?: string | null | undefined;
  readonly auth:
    | { readonly method: 'basic'; readonly username: string; readonly password: string }
    | { readonly method: 'oauth2'; readonly tenantId: string; readonly clientId: string; readonly clientSecret: string };
}

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

  /**
   * Autodiscover on the host the admin already named first (on-premises the same server
   * usually answers EWS and Autodiscover, even where the mail domain has no Autodiscover
   * DNS), then on the mail domain's documented endpoints.
   */
  async function discoverWith(credentials: EwsCredentials, email: string, hintUrl: string | undefined): Promise<DiscoverResult> {
    const http = createHttpClient({ caCertPem: deps.caCertPem });
    try {
      const auth = createAuthProvider(credentials, { request: http.request });
      const hintOrigin = originOf(hintUrl);
      if (hintOrigin) {
        const explicitUrls = endpointsForHost(hintOrigin).map((endpoint) => endpoint.url);
        const atHint = await discoverEwsUrl({ email, auth, request: http.request, explicitUrls }).then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        );
        if ('result' in atHint) return found(atHint.result);
        // A refused sign-in is the answer; asking further hosts with the same credentials would only repeat it.
        if (refusedSignIn(atHint.error)) return { ewsUrl: null, message: `${hintOrigin} refused the sign-in (HTTP 401) for Autodiscover: check the credentials.` };
      }
      return found(await discoverEwsUrl({ email, auth, request: http.request }));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ewsUrl: null, message: `Autodiscover found no EWS URL for ${email}: ${reason}` };
    } finally {
      http.close();
    }
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
      return discoverWith(credentialsOf(connection, deps.oauthAuthority), email, connection.ewsUrl);
    },

    /** "Discover URL" in the new-server form: the unsaved credentials are used once, nothing is stored. */
    async discoverDraft(input: DraftDiscoverInput): Promise<DiscoverResult> {
      const { auth } = input;
      const credentials: EwsCredentials =
        auth.method === 'basic'
          ? { kind: 'basic', username: input.alternativeLoginName ?? auth.username, password: auth.password }
          : { kind: 'oauth', tenantId: auth.tenantId, clientId: auth.clientId, clientSecret: auth.clientSecret, authority: deps.oauthAuthority };
      return discoverWith(credentials, input.email, input.ewsUrl);
    },

    /**
     * "Test & enable": one real call in the account's mailbox, as the sync would make it
     * (the server's credentials or the account's own override, impersonating the mailbox).
     */
    async testAccount(accountId: string): Promise<TestResult> {
      const account = await deps.config.getAccountForSync(accountId);
      if (!account) throw notFound('Mailbox account');
      const { connection } = account;
      const result = await testConnection({
        url: connection.ewsUrl,
        credentials: credentialsOf(connection, deps.oauthAuthority),
        version: isEwsServerVersion(connection.version) ? connection.version : undefined,
        impersonate: account.mailbox,
        caCertPem: deps.caCertPem,
      });
      return { ok: result.ok, errorKind: result.problem ?? null, message: result.message };
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

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

function refusedSignIn(error: unknown): boolean {
  const attempts = error instanceof Error ? error.cause : undefined;
  return Array.isArray(attempts) && attempts.some((attempt: unknown) => typeof attempt === 'object' && attempt !== null && 'result' in attempt && String(attempt.result).includes('HTTP 401'));
}

function found(result: { readonly ewsUrl: string; readonly email: string }): DiscoverResult {
  return { ewsUrl: result.ewsUrl, message: `Autodiscover found ${result.ewsUrl} for ${result.email}.` };
}

export type ExchangeConnectionService = ReturnType<typeof createExchangeConnectionService>;
