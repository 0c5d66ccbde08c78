import type { CrmUser, MailboxAccount, SyncRule } from '../api/admin-api';

/**
 * The active accounts a rule can touch, for "run now": the API runs mailboxes, not rules,
 * so running a rule means running every mailbox of a user it is valid for.
 */
export function accountsOfRule(rule: SyncRule, accounts: readonly MailboxAccount[], users: readonly CrmUser[]): MailboxAccount[] {
  const active = accounts.filter((account) => account.active);
  const { validity } = rule;
  if (validity.scope === 'all') return active;
  if (validity.scope === 'user') return active.filter((account) => account.userId === validity.userId);
  const members = new Set(users.filter((user) => user.groupIds.includes(validity.groupId)).map((user) => user.id));
  return active.filter((account) => members.has(account.userId));
}
