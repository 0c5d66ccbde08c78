import type { ExchangeServer, MailboxAccount } from '../../../../addin/src/admin/api/admin-api';

export const sampleServer: ExchangeServer = {
  id: 'srv-1',
  name: 'Contoso Online',
  description: '',
  type: 'exchange-online',
  ewsUrl: 'https://outlook.office365.com/EWS/Exchange.asmx',
  graphEndpoint: null,
  version: 'Exchange2013_SP1',
  alternativeLoginName: null,
  auth: { method: 'oauth2', tenantId: 'tenant-1', clientId: 'client-1', clientSecretSet: true },
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

export function sampleAccount(overrides: Partial<MailboxAccount> = {}): MailboxAccount {
  return {
    id: 'acc-1',
    userId: 'u-anna',
    mailbox: 'anna@contoso.com',
    serverId: 'srv-1',
    active: true,
    authFailurePolicy: null,
    authOverride: null,
    deactivatedReason: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}
