import { ConfidentialClientApplication, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import { ExchangeError } from '../exchange-error';
import type { HttpRequestFn } from './http-client';

export const DEFAULT_OAUTH_SCOPE = 'https://outlook.office365.com/.default';

export type EwsCredentials =
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  | {
      readonly kind: 'oauth';
      readonly tenantId: string;
      readonly clientId: string;
      /** The secret's VALUE (not its id) from Entra ID. */
      readonly clientSecret: string;
      /** Defaults to `https://login.microsoftonline.com/{tenantId}`; tests point it at the sandbox. */
      readonly authority?: string;
      readonly scope?: string;
    };

/** Produces the `Authorization` header value for each call. */
export interface AuthProvider {
  authorization(): Promise<string>;
  /** Drops a cached token after the server refused it (HTTP 401). */
  invalidate(): void;
}

export function createAuthProvider(credentials: EwsCredentials, options: { readonly request?: HttpRequestFn } = {}): AuthProvider {
  if (credentials.kind === 'basic') return createBasicAuth(credentials.username, credentials.password);
  return createClientCredentialsAuth(credentials, options.request);
}

export function createBasicAuth(username: string, password: string): AuthProvider {
  if (username === '') throw new ExchangeError('invalid-request', 'Basic authentication needs a user name');
  const header = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  return { authorization: () => Promise.resolve(header), invalidate: () => undefined };
}

/** Renew a little before expiry so a token never runs out mid-batch. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * App-only OAuth2 client credentials through MSAL. The token is kept until shortly
 * before it expires; concurrent callers share one acquisition. When a request function
 * is given, MSAL's own HTTP goes through it (e.g. trusting the sandbox's CA); otherwise
 * MSAL keeps its production defaults.
 * https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/how-to-authenticate-an-ews-application-by-using-oauth
 */
export function createClientCredentialsAuth(credentials: Extract<EwsCredentials, { kind: 'oauth' }>, request?: HttpRequestFn): AuthProvider {
  for (const [name, value] of [['tenant id', credentials.tenantId], ['client id', credentials.clientId], ['client secret', credentials.clientSecret]]) {
    if (!value) throw new ExchangeError('invalid-request', `OAuth2 client credentials need a ${name}`);
  }
  const authority = credentials.authority ?? `https://login.microsoftonline.com/${credentials.tenantId}`;
  const isMicrosoftHost = new URL(authority).host === 'login.microsoftonline.com';
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      authority,
      // A non-Microsoft authority (the sandbox, a sovereign cloud proxy) must be declared
      // known, else MSAL asks login.microsoftonline.com for instance discovery.
      knownAuthorities: isMicrosoftHost ? undefined : [new URL(authority).host],
    },
    system: request ? { networkClient: createMsalNetworkClient(request) } : undefined,
  });
  const scope = credentials.scope ?? DEFAULT_OAUTH_SCOPE;
  let cached: { header: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const acquire = async (): Promise<string> => {
    try {
      const result = await app.acquireTokenByClientCredential({ scopes: [scope] });
      if (!result?.accessToken) throw new ExchangeError('auth-failed', 'The token endpoint returned no access token');
      const header = `Bearer ${result.accessToken}`;
      cached = { header, expiresAt: (result.expiresOn?.getTime() ?? Date.now() + 300_000) - EXPIRY_MARGIN_MS };
      return header;
    } catch (err) {
      throw errorFromMsal(err);
    }
  };
  return {
    authorization() {
      if (cached && cached.expiresAt > Date.now()) return Promise.resolve(cached.header);
      pending ??= acquire().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

/** MSAL error codes carry the cause (AADSTS7000215 = invalid secret, AADSTS700016 = unknown app…); messages hold no secret. */
function errorFromMsal(err: unknown): ExchangeError {
  if (err instanceof ExchangeError) return err;
  const record = (typeof err === 'object' && err !== null ? err : {}) as { errorCode?: unknown; errorMessage?: unknown; message?: unknown };
  const code = typeof record.errorCode === 'string' ? record.errorCode : 'msal_error';
  const message = typeof record.errorMessage === 'string' && record.errorMessage !== '' ? record.errorMessage : String(record.message ?? err);
  const networkish = /endpoints_resolution_error|network|ENOTFOUND|ECONNREFUSED|certificate/i.test(`${code} ${message}`);
  return new ExchangeError(networkish ? 'temporary' : 'auth-failed', `Token request failed (${code}): ${firstLine(message)}`, { code, cause: err });
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

const MSAL_TIMEOUT_MS = 30_000;
const MSAL_MAX_BYTES = 1024 * 1024;

function createMsalNetworkClient(request: HttpRequestFn): INetworkModule {
  const send = async <T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> => {
    const response = await request({
      method,
      url,
      headers: options?.headers ?? {},
      body: method === 'POST' ? (options?.body ?? '') : undefined,
      timeoutMs: timeout ?? MSAL_TIMEOUT_MS,
      maxResponseBytes: MSAL_MAX_BYTES,
    });
    let body: unknown;
    try {
      body = JSON.parse(response.body) as unknown;
    } catch {
      body = {};
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(response.headers)) if (v !== undefined) headers[k] = v;
    return { status: response.status, headers, body: body as T };
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
