import { exchangeOnlineEwsUrl, type EwsVersion, type ExchangeServerType } from '../../../../shared/admin/exchange-server.schema';
import type { ExchangeServer } from '../api/admin-api';
import { emptyToNull } from '../forms/validate-form';

/** What the server form edits: text as typed, converted to the API's input only on save. */
export interface ServerDraft {
  readonly name: string;
  readonly description: string;
  readonly type: ExchangeServerType;
  readonly ewsUrl: string;
  readonly graphEndpoint: string;
  readonly version: EwsVersion;
  readonly alternativeLoginName: string;
  readonly method: 'oauth2' | 'basic';
  readonly tenantId: string;
  readonly clientId: string;
  readonly username: string;
  /** A newly typed secret (client secret or password); empty keeps the stored one. */
  readonly secret: string;
}

export function draftFromServer(server: ExchangeServer | undefined): ServerDraft {
  const auth = server?.auth;
  return {
    name: server?.name ?? '',
    description: server?.description ?? '',
    type: server?.type ?? 'exchange-online',
    ewsUrl: server?.ewsUrl ?? exchangeOnlineEwsUrl,
    graphEndpoint: server?.graphEndpoint ?? '',
    version: server?.version ?? 'Exchange2013_SP1',
    alternativeLoginName: server?.alternativeLoginName ?? '',
    method: auth?.method ?? 'oauth2',
    tenantId: auth?.method === 'oauth2' ? auth.tenantId : '',
    clientId: auth?.method === 'oauth2' ? auth.clientId : '',
    username: auth?.method === 'basic' ? auth.username : '',
    secret: '',
  };
}

/** Switching to Exchange Online fills its fixed EWS address, switching back clears it. */
export function changeServerType(draft: ServerDraft, type: ExchangeServerType): ServerDraft {
  if (type === 'exchange-online') return { ...draft, type, ewsUrl: exchangeOnlineEwsUrl, method: 'oauth2' };
  return { ...draft, type, ewsUrl: draft.ewsUrl === exchangeOnlineEwsUrl ? '' : draft.ewsUrl };
}

/** The unvalidated API input; an empty secret is left out so the stored one is kept. */
export function toServerInput(draft: ServerDraft): unknown {
  const secret = draft.secret === '' ? {} : draft.method === 'oauth2' ? { clientSecret: draft.secret } : { password: draft.secret };
  return {
    name: draft.name,
    description: draft.description,
    type: draft.type,
    ewsUrl: draft.ewsUrl.trim(),
    graphEndpoint: emptyToNull(draft.graphEndpoint),
    version: draft.version,
    alternativeLoginName: emptyToNull(draft.alternativeLoginName),
    auth: draft.method === 'oauth2' ? { method: 'oauth2', tenantId: draft.tenantId, clientId: draft.clientId, ...secret } : { method: 'basic', username: draft.username, ...secret },
  };
}

export function isSecretStored(server: ExchangeServer | undefined): boolean {
  if (!server) return false;
  return server.auth.method === 'oauth2' ? server.auth.clientSecretSet : server.auth.passwordSet;
}
