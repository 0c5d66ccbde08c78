import { ExchangeError, isExchangeError } from '../exchange-error';
import type { EwsCredentials } from '../ews/ews-auth';
import { EwsClient } from '../ews/ews-client';
import { isTlsErrorCode } from '../ews/error-map';
import type { HttpRequestFn } from '../ews/http-client';
import { DEFAULT_SERVER_VERSION, type EwsServerVersion } from '../ews/server-version';

export interface TestConnectionInput {
  readonly url: string;
  readonly credentials: EwsCredentials;
  readonly version?: EwsServerVersion;
  /** When set, the call impersonates this mailbox, which also proves the impersonation right. */
  readonly impersonate?: string;
  readonly caCertPem?: string;
  readonly timeoutMs?: number;
  readonly request?: HttpRequestFn;
}

export type ConnectionProblem =
  | 'dns'
  | 'tls'
  | 'refused'
  | 'timeout'
  | 'auth'
  | 'forbidden'
  | 'ews-disabled'
  | 'impersonation'
  | 'version'
  | 'not-found'
  | 'throttled'
  | 'unknown';

export interface TestConnectionResult {
  readonly ok: boolean;
  readonly problem?: ConnectionProblem;
  /** One sentence for the admin: what happened and what to check. */
  readonly message: string;
  /** The original error code (`ENOTFOUND`, `HTTP 401`, `ErrorImpersonateUserDenied`…). */
  readonly code?: string;
  readonly durationMs: number;
}

/**
 * "Test connection" (B2): a real login and one harmless call — GetFolder on the root of
 * the mailbox — so every layer (DNS, TLS, auth, EWS policy, impersonation, version) is
 * exercised. Never throws: every failure becomes a result with an actionable message.
 */
export async function testConnection(input: TestConnectionInput): Promise<TestConnectionResult> {
  const started = Date.now();
  let client: EwsClient | undefined;
  try {
    client = EwsClient.create({
      url: input.url,
      credentials: input.credentials,
      version: input.version,
      impersonate: input.impersonate,
      caCertPem: input.caCertPem,
      timeoutMs: input.timeoutMs ?? 20_000,
      request: input.request,
    });
    const [outcome] = await client.getFolder({ folderIds: [{ distinguished: 'msgfolderroot' }] });
    if (outcome && !outcome.ok) throw outcome.error;
    const who = input.impersonate ? ` acting as ${input.impersonate}` : '';
    return { ok: true, message: `Connected to ${input.url}${who}: the mailbox's folder root was read.`, durationMs: Date.now() - started };
  } catch (err) {
    const error = isExchangeError(err) ? err : new ExchangeError('unknown', err instanceof Error ? err.message : String(err), { cause: err });
    return { ok: false, ...explainFailure(error, input), code: error.code, durationMs: Date.now() - started };
  } finally {
    client?.close();
  }
}

/** Pure: which problem an error is and what the admin should check. */
export function explainFailure(error: ExchangeError, input: Pick<TestConnectionInput, 'url' | 'credentials' | 'version' | 'impersonate' | 'timeoutMs'>): { problem: ConnectionProblem; message: string } {
  const host = safeHost(input.url);
  const code = error.code ?? '';
  const oauth = input.credentials.kind === 'oauth';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { problem: 'dns', message: `The host name ${host} cannot be resolved. Check the EWS URL for typos and that this server can resolve it (DNS, VPN, proxy).` };
  }
  if (isTlsErrorCode(code)) {
    return {
      problem: 'tls',
      message: `The TLS certificate of ${host} is not trusted (${code}). Check that the certificate matches the host name and is not expired, and configure the issuing CA certificate for this server.`,
    };
  }
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return { problem: 'refused', message: `Nothing accepts connections at ${host} (${code}). Check host, port and firewall rules between this server and Exchange.` };
  }
  if (code === 'ETIMEDOUT') {
    return { problem: 'timeout', message: `${host} did not answer in time. Check firewall and proxy settings and that the URL points to the EWS endpoint (…/EWS/Exchange.asmx).` };
  }
  if (code === 'endpoints_resolution_error') {
    return { problem: 'auth', message: 'The sign-in authority did not answer with its OpenID metadata. Check the tenant (directory) id and, if set, the authority URL.' };
  }
  switch (error.kind) {
    case 'auth-failed':
      return {
        problem: 'auth',
        message: oauth
          ? 'The sign-in was refused. Check the tenant (directory) id, the application (client) id and the client secret VALUE — not its ID — in Entra ID, and that admin consent was granted for full_access_as_app.'
          : 'The server refused the user name or password (HTTP 401). Check the service account (UPN or DOMAIN\\user), its password, and that Basic authentication is enabled on the EWS virtual directory.',
      };
    case 'ews-disabled':
      return {
        problem: 'ews-disabled',
        message: `EWS is disabled by policy (${error.message}). In Exchange Online allow the app with Set-OrganizationConfig -EwsAllowedAppIDs (EWS ends there on 2027-04-01; use Microsoft Graph), on-premises check Set-OrganizationConfig/Set-CASMailbox -EwsEnabled.`,
      };
    case 'impersonation-denied':
      return {
        problem: 'impersonation',
        message: `The account may not act as ${input.impersonate ?? 'the mailbox'} (${code}). Check that the mailbox address exists; on-premises grant the ApplicationImpersonation role to the service account, in Exchange Online grant the app full_access_as_app and check its RBAC for Applications scope.`,
      };
    case 'forbidden':
      return { problem: 'forbidden', message: `Access was refused (${code || 'HTTP 403'}). Check that the account may use EWS (Set-CASMailbox -EwsEnabled $true) and any application access policy.` };
    case 'invalid-request':
      if (code === 'ErrorInvalidServerVersion' || code === 'ErrorSchemaValidation') {
        return {
          problem: 'version',
          message: `The server does not accept the EWS schema version ${input.version ?? DEFAULT_SERVER_VERSION}. Choose an older version in the server record (e.g. Exchange2010_SP2 for Exchange 2010).`,
        };
      }
      break;
    case 'not-found':
      return { problem: 'not-found', message: `No EWS endpoint answers at ${input.url}. The URL normally ends in /EWS/Exchange.asmx; use "Discover URL" to find it.` };
    case 'throttled':
      return { problem: 'throttled', message: 'The server is busy and asked to retry later (throttling). The connection itself works; test again in a few minutes.' };
    case 'temporary':
      return { problem: 'unknown', message: `The server failed temporarily (${error.message}). Try again; if it persists, check the Exchange server's health.` };
    default:
      break;
  }
  return { problem: 'unknown', message: `Unexpected answer: ${error.message}` };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
