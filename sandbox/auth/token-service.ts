import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, createLocalJWKSet, type JWK, type CryptoKey } from 'jose';

/** The resource EWS tokens are issued for (Exchange Online's app id URI). */
export const EWS_AUDIENCE = 'https://outlook.office365.com';

export interface OAuthApp {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface TokenService {
  readonly app: OAuthApp;
  readonly jwks: { keys: JWK[] };
  /** Client-credentials grant; undefined when the client is unknown or the secret is wrong. */
  issue(clientId: string, clientSecret: string, scope: string): Promise<{ token: string; expiresIn: number } | 'invalid_client' | 'invalid_scope'>;
  /** The app id (appid claim) of a valid token, else undefined. */
  verify(token: string): Promise<string | undefined>;
  /** The issuer depends on the URL, known only once the server listens. */
  setIssuerBase(base: string): void;
}

const TOKEN_LIFETIME_S = 3600;

/**
 * An Entra-ID-like token service for one app registration: RS256 JWTs with the claims
 * EWS checks (aud, tid, appid, roles=full_access_as_app), validated on every call.
 */
export async function createTokenService(): Promise<TokenService> {
  const app: OAuthApp = { tenantId: randomUUID(), clientId: randomUUID(), clientSecret: randomBytes(24).toString('base64url') };
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = randomBytes(8).toString('hex');
  const publicJwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };
  const keySet = createLocalJWKSet({ keys: [publicJwk] });
  let issuer = `/${app.tenantId}/v2.0`;
  return {
    app,
    setIssuerBase(base) {
      issuer = `${base}/${app.tenantId}/v2.0`;
    },
    jwks: { keys: [publicJwk] },
    async issue(clientId, clientSecret, scope) {
      if (clientId !== app.clientId || !sameSecret(clientSecret, app.clientSecret)) return 'invalid_client';
      if (!scope.split(' ').some((s) => s === `${EWS_AUDIENCE}/.default`)) return 'invalid_scope';
      return { token: await sign(privateKey, kid, issuer, app), expiresIn: TOKEN_LIFETIME_S };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keySet, { issuer, audience: EWS_AUDIENCE, algorithms: ['RS256'] });
        const roles = payload.roles;
        if (!Array.isArray(roles) || !roles.includes('full_access_as_app')) return undefined;
        return typeof payload.appid === 'string' ? payload.appid : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

function sign(key: CryptoKey, kid: string, issuer: string, app: OAuthApp): Promise<string> {
  return new SignJWT({ appid: app.clientId, tid: app.tenantId, roles: ['full_access_as_app'] })
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(EWS_AUDIENCE)
    .setSubject(app.clientId)
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_LIFETIME_S}s`)
    .setJti(randomUUID())
    .sign(key);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
