import { describe, expect, it } from 'vitest';
import { SyncHarness } from './support/sync-harness';
import { makeContact } from './support/neutral-fixtures';

function contactsOfAnna(): { h: SyncHarness; accountId: string; contacts: string } {
  const h = new SyncHarness();
  const { accountId, mailbox } = h.addAccount('anna');
  h.addRule({ dataType: 'contacts' });
  return { h, accountId, contacts: h.exchange.folderId(mailbox, 'contacts') };
}

/** The harness reads the journal 7 positions a page; one position may stand for many records or none. */
describe('CRM pass: journal positions that stand for several records or none', () => {
  it('moves past pages of positions that name no record and syncs the change behind them', async () => {
    const { h, accountId, contacts } = contactsOfAnna();
    await h.run(accountId);
    for (let i = 0; i < 20; i += 1) h.crm.userUpdateMany('contacts', [], {});
    const id = h.crm.userCreate('contacts', makeContact());
    expect(await h.run(accountId)).toMatchObject({ status: 'synced', counts: { created: 1 } });
    expect(h.exchange.itemsIn(contacts).map((item) => item.crmId)).toEqual([id]);
  });

  it('syncs every record of one position even when they outnumber a page', async () => {
    const { h, accountId, contacts } = contactsOfAnna();
    const ids = Array.from({ length: 12 }, (_, i) => h.crm.userCreate('contacts', makeContact({ surname: `Berg ${i}`, emails: [`b${i}@berg.example`] })));
    await h.run(accountId);
    h.crm.userUpdateMany('contacts', ids, { companyName: 'Berg AG' });
    expect(await h.run(accountId)).toMatchObject({ status: 'synced', counts: { changed: 12 } });
    expect(h.exchange.itemsIn(contacts).map((item) => (item.data.type === 'contact' ? item.data.companyName : ''))).toEqual(Array(12).fill('Berg AG'));
    expect(await h.run(accountId)).toMatchObject({ status: 'synced', counts: { changed: 0 } });
  });
});
