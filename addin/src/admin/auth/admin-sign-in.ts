import type { IPublicClientApplication } from '@azure/msal-browser';
import { publicConfigSchema, type PublicConfigBody } from '../../../../shared/public-config.schema';
import { loadPublicConfig } from '../../api/public-config';
import { ApiCallError } from '../../api/api-error';

export type { PublicConfigBody };

/** The signed-in admin: the token lives in this object only (memory), never in storage. */
export interface AdminSession {
  readonly displayName: string;
  getToken(): Promise<string>;
  signOut(): Promise<void>;
}

export async function loadAdminConfig(baseUrl: string, doFetch?: typeof fetch): Promise<PublicConfigBody> {
  const raw: unknown = await loadPublicConfig(baseUrl, doFetch);
  const parsed = publicConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ApiCallError('server', 'The public configuration has an unexpected shape');
  return parsed.data;
}

export interface DevSignInRequest {
  readonly subject: string;
  readonly name: string;
  readonly admin: boolean;
}

/**
 * Development issuer only: mints a token at `/auth/local/token`. The admin role value is
 * the server's default (`Tandem.Admin`) unless the server was configured otherwise.
 */
export async function signInWithLocalIssuer(tokenUrl: string, request: DevSignInRequest, adminRole: string, doFetch: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<AdminSession> {
  const response = await doFetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ subject: request.subject, name: request.name, roles: request.admin ? [adminRole] : [] }),
  });
  if (!response.ok) throw new ApiCallError('unauthorized', `The development issuer answered HTTP ${response.status}`, response.status);
  const body = (await response.json()) as { access_token?: unknown };
  if (typeof body.access_token !== 'string') throw new ApiCallError('server', 'The development issuer sent no token');
  const token = body.access_token;
  return { displayName: request.name || request.subject, getToken: () => Promise.resolve(token), signOut: () => Promise.resolve() };
}

/** MSAL is imported on first sign-in, so the console's first paint does not carry it. */
async function createMsalClient(clientId: string, authority: string, redirectUri: string): Promise<IPublicClientApplication> {
  const msal = await import('@azure/msal-browser');
  const client = await msal.createStandardPublicClientApplication({
    auth: { clientId, authority, redirectUri },
    // Tokens stay in memory: a reload signs in again (silently when Entra still has a session).
    cache: { cacheLocation: 'memoryStorage' },
  });
  return client;
}

/** Production sign-in: an MSAL popup against Entra ID, then silent renewals for the API scope. */
export async function signInWithMicrosoft(config: PublicConfigBody, redirectUri: string): Promise<AdminSession> {
  const { clientId, authority, apiScope } = config.auth;
  if (!clientId || !authority || !apiScope) throw new ApiCallError('server', 'Sign-in is not configured');
  const client = await createMsalClient(clientId, authority, redirectUri);
  const scopes = [apiScope];
  const login = await client.loginPopup({ scopes });
  const account = login.account;
  client.setActiveAccount(account);
  return {
    displayName: account.name ?? account.username,
    async getToken() {
      try {
        return (await client.acquireTokenSilent({ scopes, account })).accessToken;
      } catch {
        // An expired Entra session needs the user once more; the popup keeps the page state.
        return (await client.acquireTokenPopup({ scopes, account })).accessToken;
      }
    },
    signOut: () => client.logoutPopup({ account }),
  };
}
