import type { MailboxAccount, MailboxAccountInput } from '../api/admin-api';

/** The PUT body that keeps an account as it is except for `changes`; stored override secrets stay (omitted = keep). */
export function toAccountInput(account: MailboxAccount, changes: Partial<Pick<MailboxAccountInput, 'active'>> = {}): MailboxAccountInput {
  const override = account.authOverride;
  return {
    userId: account.userId,
    mailbox: account.mailbox,
    serverId: account.serverId,
    active: changes.active ?? account.active,
    authFailurePolicy: account.authFailurePolicy,
    authOverride:
      override === null
        ? null
        : override.method === 'oauth2'
          ? { method: 'oauth2', tenantId: override.tenantId, clientId: override.clientId }
          : { method: 'basic', username: override.username },
  };
}
