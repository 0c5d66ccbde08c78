import type { IPublicClientApplication } from '@azure/msal-browser';
import { knownAuthoritiesFor } from './authority';
import type { TokenProvider } from './token-provider';

export interface NestedAppAuthOptions {
  readonly clientId: string;
  readonly authority: string;
  /** The backend's own API scope, e.g. `api://crm.example.com/<app id>/access_as_user`. */
  readonly apiScope: string;
  /** Opens the pane's sign-in page in an Office dialog and resolves with the token it sends back. */
  readonly openDialog: (url: string) => Promise<string>;
  /** Absolute URL of `auth-dialog.html` for the last-resort fallback. */
  readonly dialogUrl: string;
  /** Injected so tests need no MSAL; production passes the lazy import below. */
  readonly createClient?: (options: NestedAppAuthOptions) => Promise<IPublicClientApplication>;
}

export class SignInRequiredError extends Error {
  constructor() {
    super('Sign-in is required');
    this.name = 'SignInRequiredError';
  }
}

/** MSAL is loaded on first use, not at first paint, to keep the pane's initial bundle small. */
async function createNestableClient(options: NestedAppAuthOptions): Promise<IPublicClientApplication> {
  const msal = await import('@azure/msal-browser');
  return msal.createNestablePublicClientApplication({
    auth: { clientId: options.clientId, authority: options.authority, knownAuthorities: knownAuthoritiesFor(options.authority) },
    cache: { cacheLocation: 'localStorage' },
  });
}

/**
 * Nested App Authentication (A7): silent first, then MSAL's popup, then an Office dialog
 * as the last resort for hosts that block popups. Tokens are kept in MSAL's cache only
 * and never written to a log.
 */
export class NestedAppAuth implements TokenProvider {
  private client: Promise<IPublicClientApplication> | undefined;

  constructor(private readonly options: NestedAppAuthOptions) {}

  private getClient(): Promise<IPublicClientApplication> {
    this.client ??= (this.options.createClient ?? createNestableClient)(this.options);
    return this.client;
  }

  async getToken(): Promise<string> {
    const client = await this.getClient();
    const scopes = [this.options.apiScope];
    const account = client.getActiveAccount() ?? client.getAllAccounts()[0];
    try {
      const result = await client.acquireTokenSilent({ scopes, ...(account ? { account } : {}) });
      if (result.accessToken) return result.accessToken;
    } catch {
      // Silent failure is the normal first-run case (no consent, no cached account); go interactive.
    }
    try {
      const result = await client.acquireTokenPopup({ scopes });
      if (result.account) client.setActiveAccount(result.account);
      if (result.accessToken) return result.accessToken;
    } catch {
      // Popups are blocked in some Outlook hosts; the Office dialog works there.
    }
    const token = await this.options.openDialog(this.options.dialogUrl).catch(() => '');
    if (!token) throw new SignInRequiredError();
    return token;
  }
}
