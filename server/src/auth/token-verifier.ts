import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Principal, Role } from './principal';

// Entra ID signs with RS256; the local issuer with ES256. `none` and HMAC are never accepted.
const ALLOWED_ALGORITHMS = ['RS256', 'PS256', 'ES256'];
// Small allowance for clock drift between the issuer and this server.
const CLOCK_TOLERANCE_SECONDS = 60;

/** JOSE failures that say "this token is not acceptable", as opposed to "the keys could not be fetched". */
const REJECTION_CODES: ReadonlySet<string> = new Set([
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWT_EXPIRED',
  'ERR_JWT_INVALID',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
]);

export interface TokenVerifierOptions {
  readonly issuer: string;
  /** Accepted `aud` values (Entra: the API's application id and/or its `api://` URI). */
  readonly audiences: readonly string[];
  /** Accepted `tid` values. */
  readonly tenantIds: readonly string[];
  /** The `roles` claim value that makes the caller an admin. */
  readonly adminRole: string;
  /** When set, the `scp` claim must contain it. */
  readonly requiredScope?: string;
  readonly keys: JWTVerifyGetKey;
}

/** The token is not acceptable. `reason` is for the debug log only, never for the client. */
export class TokenRejectedError extends Error {
  override readonly name = 'TokenRejectedError';

  constructor(readonly reason: string) {
    super(`Bearer token rejected: ${reason}`);
  }
}

/** The signing keys could not be obtained (issuer unreachable, bad JWKS answer): not the caller's fault. */
export class KeysUnavailableError extends Error {
  override readonly name = 'KeysUnavailableError';
}

export type VerifyToken = (token: string) => Promise<Principal>;

function readText(payload: JWTPayload, claim: string): string | undefined {
  const value = payload[claim];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function readRoles(payload: JWTPayload): string[] {
  return Array.isArray(payload.roles) ? payload.roles.filter((role): role is string => typeof role === 'string') : [];
}

/** Claims → Principal, per Entra's access-token claims (oid/tid/roles/scp, preferred_username/upn). */
function toPrincipal(payload: JWTPayload, options: TokenVerifierOptions): Principal {
  const subject = readText(payload, 'oid') ?? readText(payload, 'sub');
  if (!subject) throw new TokenRejectedError('no oid or sub claim');
  const tenantId = readText(payload, 'tid');
  if (!tenantId || !options.tenantIds.includes(tenantId)) throw new TokenRejectedError('tenant not allowed');
  if (options.requiredScope) {
    const scopes = (readText(payload, 'scp') ?? '').split(' ');
    if (!scopes.includes(options.requiredScope)) throw new TokenRejectedError('required scope missing');
  }
  const roles: Role[] = readRoles(payload).includes(options.adminRole) ? ['user', 'admin'] : ['user'];
  const email = readText(payload, 'preferred_username') ?? readText(payload, 'upn') ?? readText(payload, 'email');
  const name = readText(payload, 'name');
  return { subject, tenantId, roles, ...(email ? { email } : {}), ...(name ? { name } : {}) };
}

function classify(err: unknown): Error {
  if (err instanceof errors.JOSEError && REJECTION_CODES.has(err.code)) return new TokenRejectedError(err.code);
  return new KeysUnavailableError('The token signing keys could not be obtained', { cause: err });
}

/** Signature (against the issuer's keys), issuer, audience, expiry, tenant and scope; then the Principal. */
export function createTokenVerifier(options: TokenVerifierOptions): VerifyToken {
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, options.keys, {
        issuer: options.issuer,
        audience: [...options.audiences],
        algorithms: ALLOWED_ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp'],
      }));
    } catch (err) {
      throw classify(err);
    }
    return toPrincipal(payload, options);
  };
}
