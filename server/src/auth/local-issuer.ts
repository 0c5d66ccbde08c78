import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import { z } from 'zod';

export const LOCAL_ISSUER_ALGORITHM = 'ES256';
const DEFAULT_LIFETIME_SECONDS = 3600;

export interface LocalTokenRequest {
  readonly subject: string;
  readonly name?: string;
  readonly email?: string;
  /** Raw `roles` claim values; `admin: true` adds the configured admin role. */
  readonly roles?: readonly string[];
  readonly admin?: boolean;
  /** Negative values mint an already expired token (tests). */
  readonly expiresInSeconds?: number;
  /** Overrides for tests of refusals: another audience, issuer or tenant than the configured ones. */
  readonly audience?: string;
  readonly issuer?: string;
  readonly tenantId?: string;
}

export interface LocalIssuerOptions {
  /** `<PUBLIC_URL>/auth/local`: the `iss` of every token and the base of the metadata. */
  readonly issuer: string;
  readonly audience: string;
  readonly tenantId: string;
  readonly adminRole: string;
  /** Keeps the key pair across restarts so tokens stay valid; absent: a key for this process only. */
  readonly keyFile?: string;
}

/**
 * A token issuer inside the backend for development and tests, so a fresh clone runs and
 * tests go through the real validation path (JWKS over HTTP, signature, claims) without
 * Entra ID. Config refuses it in production: whoever reaches it can mint an admin token.
 */
export interface LocalIssuer {
  readonly issuer: string;
  readonly jwks: JSONWebKeySet;
  mint(request: LocalTokenRequest): Promise<{ readonly token: string; readonly expiresIn: number }>;
}

const storedKeySchema = z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), kid: z.string().min(1), x: z.string(), y: z.string(), d: z.string() });

async function createKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(LOCAL_ISSUER_ALGORITHM, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID() };
}

async function loadOrCreateKey(keyFile: string | undefined): Promise<JWK> {
  if (!keyFile) return createKey();
  try {
    return storedKeySchema.parse(JSON.parse(readFileSync(keyFile, 'utf8')));
  } catch (err) {
    if (!(err instanceof Error && 'code' in err && err.code === 'ENOENT')) throw new Error(`The local issuer key file ${keyFile} is unreadable`, { cause: err });
  }
  const key = await createKey();
  mkdirSync(dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, JSON.stringify(key), { mode: 0o600, flag: 'wx' });
  return key;
}

function toPublicJwk(privateJwk: JWK): JWK {
  const { d: _private, ...publicPart } = privateJwk;
  return { ...publicPart, alg: LOCAL_ISSUER_ALGORITHM, use: 'sig' };
}

export async function createLocalIssuer(options: LocalIssuerOptions): Promise<LocalIssuer> {
  const privateJwk = await loadOrCreateKey(options.keyFile);
  const signingKey = (await importJWK(privateJwk, LOCAL_ISSUER_ALGORITHM)) as CryptoKey;
  const publicJwk = toPublicJwk(privateJwk);
  return {
    issuer: options.issuer,
    jwks: { keys: [publicJwk] },
    async mint(request) {
      const lifetime = request.expiresInSeconds ?? DEFAULT_LIFETIME_SECONDS;
      const now = Math.floor(Date.now() / 1000);
      const roles = [...(request.roles ?? []), ...(request.admin ? [options.adminRole] : [])];
      const token = await new SignJWT({
        oid: request.subject,
        tid: request.tenantId ?? options.tenantId,
        roles,
        ...(request.email ? { preferred_username: request.email } : {}),
        ...(request.name ? { name: request.name } : {}),
      })
        .setProtectedHeader({ alg: LOCAL_ISSUER_ALGORITHM, kid: publicJwk.kid ?? '', typ: 'JWT' })
        .setIssuer(request.issuer ?? options.issuer)
        .setAudience(request.audience ?? options.audience)
        .setSubject(request.subject)
        .setIssuedAt(Math.min(now, now + lifetime))
        .setExpirationTime(now + lifetime)
        .sign(signingKey);
      return { token, expiresIn: lifetime };
    },
  };
}
