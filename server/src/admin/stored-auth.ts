import type { ExchangeAuthInput } from '../../../shared/admin/exchange-server.schema';
import type { ExchangeConnection } from '../exchange/exchange-gateway';
import type { SecretSealer } from './secret-sealer';

/** The non-secret half of the credentials, stored as JSON beside the sealed secret. */
export type StoredAuth = { readonly method: 'oauth2'; readonly tenantId: string; readonly clientId: string } | { readonly method: 'basic'; readonly username: string };

export function storedAuthOf(input: ExchangeAuthInput): StoredAuth {
  return input.method === 'oauth2' ? { method: 'oauth2', tenantId: input.tenantId, clientId: input.clientId } : { method: 'basic', username: input.username };
}

/**
 * Seals a newly given secret; without one, keeps the previous sealed secret as long as
 * the method is unchanged. `sealed` is null when no usable secret exists.
 */
export function sealAuth(input: ExchangeAuthInput, previous: { stored: StoredAuth; sealed: string | null } | null, sealer: SecretSealer): { stored: StoredAuth; sealed: string | null } {
  const stored = storedAuthOf(input);
  const secret = input.method === 'oauth2' ? input.clientSecret : input.password;
  if (secret !== undefined) return { stored, sealed: sealer.seal(secret) };
  const keep = previous && previous.stored.method === stored.method ? previous.sealed : null;
  return { stored, sealed: keep };
}

export function openAuth(stored: StoredAuth, sealed: string | null, sealer: SecretSealer): ExchangeConnection['auth'] {
  const secret = sealed === null ? '' : sealer.open(sealed);
  return stored.method === 'oauth2'
    ? { method: 'oauth2', tenantId: stored.tenantId, clientId: stored.clientId, clientSecret: secret }
    : { method: 'basic', username: stored.username, password: secret };
}
