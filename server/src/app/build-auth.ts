import { join } from 'node:path';
import { createLocalJWKSet } from 'jose';
import type { Config } from '../config';
import { createIssuerKeys } from '../auth/issuer-keys';
import { createLocalIssuer, type LocalIssuer } from '../auth/local-issuer';
import { createTokenVerifier, type VerifyToken } from '../auth/token-verifier';

export const LOCAL_ISSUER_KEY_FILE = 'local-issuer-key.json';

export interface AuthParts {
  readonly verifyToken: VerifyToken;
  readonly localIssuer?: LocalIssuer;
}

/**
 * One trusted issuer: Entra ID (or another OIDC issuer) in production, the built-in
 * development issuer otherwise. `selfUrl` is this server's own loopback address, known
 * once it listens: the development issuer's tokens are then checked exactly like Entra's,
 * against a JWKS fetched over HTTP. Over HTTPS its keys are read in-process instead,
 * because Node does not trust the development certificate that the browser was told to trust.
 */
export async function buildAuth(config: Config, selfUrl: () => string): Promise<AuthParts> {
  const { auth } = config;
  const common = { issuer: auth.issuer, audiences: auth.audiences, tenantIds: auth.tenantIds, adminRole: auth.adminRole, ...(auth.requiredScope ? { requiredScope: auth.requiredScope } : {}) };
  if (auth.mode === 'external') {
    const keys = createIssuerKeys({ issuer: auth.issuer, ...(auth.jwksUrl ? { jwksUrl: auth.jwksUrl } : {}) });
    return { verifyToken: createTokenVerifier({ ...common, keys }) };
  }
  const localIssuer = await createLocalIssuer({
    issuer: auth.issuer,
    audience: auth.audiences[0] ?? '',
    tenantId: auth.tenantIds[0] ?? '',
    adminRole: auth.adminRole,
    keyFile: join(config.dataDir, LOCAL_ISSUER_KEY_FILE),
  });
  const keys = config.tls ? createLocalJWKSet(localIssuer.jwks) : createIssuerKeys({ issuer: auth.issuer, jwksUrl: () => `${selfUrl()}/auth/local/jwks.json` });
  return { verifyToken: createTokenVerifier({ ...common, keys }), localIssuer };
}
