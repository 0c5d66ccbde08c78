import { describe, expect, it } from 'vitest';
import { parseAccountCsv } from '../../../addin/src/admin/accounts/parse-account-csv';
import { adminEn } from '../../../addin/src/admin/i18n/admin-strings.en';
import { sampleAccount, sampleServer } from './support/admin-fixtures';

const users = [
  { id: 'u-anna', displayName: 'Anna Berg', email: 'anna@contoso.com', subject: null, isAdmin: false, groupIds: [], version: 1, createdAt: '', updatedAt: '' },
  { id: 'u-ben', displayName: 'Ben Ott', email: 'ben@contoso.com', subject: null, isAdmin: false, groupIds: [], version: 1, createdAt: '', updatedAt: '' },
] as never[];

describe('parseAccountCsv', () => {
  it('resolves users by e-mail or name and servers by name, skipping blank and comment lines', () => {
    const result = parseAccountCsv('# user, mailbox, server\nanna@contoso.com, Anna@Contoso.com, Contoso Online\n\nBen Ott; ben@contoso.com; srv-1', { users, servers: [sampleServer], existing: [] }, adminEn);
    expect(result.errors).toEqual([]);
    expect(result.accounts.map((a) => [a.userId, a.mailbox, a.serverId])).toEqual([
      ['u-anna', 'anna@contoso.com', 'srv-1'],
      ['u-ben', 'ben@contoso.com', 'srv-1'],
    ]);
  });

  it('reports every bad line with its number and reason', () => {
    const text = 'nobody, x@contoso.com, Contoso Online\nanna@contoso.com, not-mail, Contoso Online\nanna@contoso.com, anna@contoso.com, Nowhere\nonly two, columns\nBen Ott, anna@contoso.com, Contoso Online';
    const result = parseAccountCsv(text, { users, servers: [sampleServer], existing: [sampleAccount()] }, adminEn);
    expect(result.errors).toEqual([
      { line: 1, message: adminEn.accounts.importUnknownUser('nobody') },
      { line: 2, message: adminEn.accounts.importBadMailbox('not-mail') },
      { line: 3, message: adminEn.accounts.importUnknownServer('Nowhere') },
      { line: 4, message: adminEn.accounts.importColumns },
      { line: 5, message: adminEn.accounts.importDuplicate('anna@contoso.com') },
    ]);
    expect(result.accounts).toEqual([]);
  });
});
