import type { Response } from 'express';
import { HttpError } from '../http/http-error';

export type Role = 'user' | 'admin';

/** Who is calling, as established from a validated bearer token. */
export interface Principal {
  /** The token's stable user id (Entra `oid`, else `sub`). */
  readonly subject: string;
  readonly tenantId: string;
  readonly email?: string;
  readonly name?: string;
  readonly roles: readonly Role[];
}

const PRINCIPAL = 'principal';

export function setPrincipal(res: Response, principal: Principal): void {
  res.locals[PRINCIPAL] = principal;
}

/** The caller of an authenticated route; a route mounted without auth gets a 401, never undefined. */
export function getPrincipal(res: Response): Principal {
  const principal = res.locals[PRINCIPAL] as Principal | undefined;
  if (!principal) throw new HttpError('unauthorized', 'Authentication required');
  return principal;
}

export function hasRole(principal: Principal, role: Role): boolean {
  return principal.roles.includes(role);
}
