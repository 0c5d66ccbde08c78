/** Gives the bearer token for the backend's own API; nothing else leaves the pane. */
export interface TokenProvider {
  getToken(): Promise<string>;
}

/**
 * A page hosting the pane outside Outlook (the end-to-end host page, a developer's test
 * page) may hand in its own provider on `window.tandemHost`; Outlook never sets it.
 */
export interface TandemHostHooks {
  readonly getToken?: () => Promise<string>;
}

export function readHostTokenProvider(win: Window & { tandemHost?: TandemHostHooks }): TokenProvider | undefined {
  const getToken = win.tandemHost?.getToken;
  return getToken ? { getToken: () => getToken() } : undefined;
}

/** The server names no sign-in (no MSAL settings, no development issuer) and no host page injected one. */
export class SignInNotConfiguredError extends Error {
  constructor() {
    super('Sign-in is not configured on the server');
    this.name = 'SignInNotConfiguredError';
  }
}
