import type { TokenProvider } from './token-provider';

/**
 * Development only: the backend's local issuer (never enabled in production) mints a
 * token for the Outlook user, so a sideloaded pane works without an Entra registration.
 */
export class LocalIssuerToken implements TokenProvider {
  private cached: { token: string; expiresAt: number } | undefined;

  constructor(
    private readonly tokenUrl: string,
    private readonly user: { email: string; name: string },
    private readonly doFetch: typeof fetch = globalThis.fetch.bind(globalThis),
  ) {}

  async getToken(): Promise<string> {
    if (this.cached && this.cached.expiresAt > Date.now() + 60_000) return this.cached.token;
    const response = await this.doFetch(this.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: this.user.email, email: this.user.email, name: this.user.name }),
    });
    if (!response.ok) throw new Error(`The development issuer answered HTTP ${response.status}`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    this.cached = { token: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
    return body.access_token;
  }
}
