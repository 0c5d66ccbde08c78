import { z } from 'zod';
import type { CrmUser, ExchangeServer, MailboxAccount, MailboxAccountInput } from '../api/admin-api';
import type { AdminStrings } from '../i18n/admin-strings';

export interface ImportLineError {
  readonly line: number;
  readonly message: string;
}

export interface ParsedImport {
  readonly accounts: readonly MailboxAccountInput[];
  readonly errors: readonly ImportLineError[];
}

export interface ImportContext {
  readonly users: readonly CrmUser[];
  readonly servers: readonly ExchangeServer[];
  readonly existing: readonly MailboxAccount[];
}

const mailSchema = z.email();

function findUser(users: readonly CrmUser[], text: string): string | undefined {
  const wanted = text.toLowerCase();
  const match = users.find((u) => u.id === text || u.email?.toLowerCase() === wanted || u.displayName.toLowerCase() === wanted);
  if (match) return match.id;
  // Without the CRM user list (no permission, empty CRM) the column is taken as the user id itself.
  return users.length === 0 ? text : undefined;
}

function findServer(servers: readonly ExchangeServer[], text: string): string | undefined {
  const wanted = text.toLowerCase();
  return servers.find((server) => server.id === text || server.name.toLowerCase() === wanted)?.id;
}

/** `user, mailbox, server` per line (comma or semicolon, as spreadsheets export); every bad line is reported, none is guessed. */
export function parseAccountCsv(text: string, context: ImportContext, s: AdminStrings): ParsedImport {
  const accounts: MailboxAccountInput[] = [];
  const errors: ImportLineError[] = [];
  const seen = new Set(context.existing.map((account) => account.mailbox.toLowerCase()));
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const columns = trimmed.split(/[;,\t]/).map((column) => column.trim());
    if (columns.length !== 3) return void errors.push({ line, message: s.accounts.importColumns });
    const [userText = '', mailboxText = '', serverText = ''] = columns;
    const mailbox = mailboxText.toLowerCase();
    const userId = findUser(context.users, userText);
    const serverId = findServer(context.servers, serverText);
    if (!userId) return void errors.push({ line, message: s.accounts.importUnknownUser(userText) });
    if (!mailSchema.safeParse(mailbox).success) return void errors.push({ line, message: s.accounts.importBadMailbox(mailboxText) });
    if (!serverId) return void errors.push({ line, message: s.accounts.importUnknownServer(serverText) });
    if (seen.has(mailbox)) return void errors.push({ line, message: s.accounts.importDuplicate(mailbox) });
    seen.add(mailbox);
    accounts.push({ userId, mailbox, serverId, active: true, authFailurePolicy: null, authOverride: null });
  });
  return { accounts, errors };
}
