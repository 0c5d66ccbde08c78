import { createRemoteJWKSet, type JWTVerifyGetKey, type RemoteJWKSetOptions } from 'jose';
import { z } from 'zod';

const DISCOVERY_TIMEOUT_MS = 5_000;

const discoverySchema = z.object({ issuer: z.string(), jwks_uri: z.url({ protocol: /^https?$/ }) });

export interface IssuerKeysOptions {
  readonly issuer: string;
  /**
   * Where the JWKS lives. A function is read on first use, for an address known only once
   * the server listens (the built-in issuer). Absent: from the issuer's OIDC metadata.
   */
  readonly jwksUrl?: string | (() => string);
  /** jose's defaults otherwise: 30 s cooldown between refetches on an unknown `kid`, 10 min cache. */
  readonly jwks?: Pick<RemoteJWKSetOptions, 'cooldownDuration' | 'cacheMaxAge' | 'timeoutDuration'>;
}

/** OpenID Connect Discovery 1.0 §4: the metadata's issuer must equal the one we trust. */
async function discoverJwksUrl(issuer: string): Promise<string> {
  const response = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
    headers: { accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`OpenID metadata of ${issuer} answered HTTP ${response.status}`);
  const metadata = discoverySchema.parse(await response.json());
  if (metadata.issuer !== issuer) throw new Error(`OpenID metadata names the issuer ${metadata.issuer}, expected ${issuer}`);
  return metadata.jwks_uri;
}

/**
 * The issuer's signing keys, via jose's remote JWKS (cached; refetched when a token names
 * an unknown `kid` — key rollover — but at most once per cooldown, so forged `kid`s cannot
 * make us hammer the issuer). Resolved lazily: the issuer may be this very server, not yet
 * listening when the app is built. A failed discovery is retried on the next request.
 */
export function createIssuerKeys(options: IssuerKeysOptions): JWTVerifyGetKey {
  let keySet: Promise<JWTVerifyGetKey> | undefined;
  const resolveKeySet = async (): Promise<JWTVerifyGetKey> => {
    const configured = typeof options.jwksUrl === 'function' ? options.jwksUrl() : options.jwksUrl;
    const url = configured ?? (await discoverJwksUrl(options.issuer));
    return createRemoteJWKSet(new URL(url), { ...options.jwks });
  };
  return async (header, token) => {
    keySet ??= resolveKeySet().catch((err: unknown) => {
      keySet = undefined;
      throw err;
    });
    const getKey = await keySet;
    return getKey(header, token);
  };
}
