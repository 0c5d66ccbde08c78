import { beforeEach, describe, expect, it } from 'vitest';
import { SyncHarness } from './support/sync-harness';
import { makeContact } from './support/neutral-fixtures';

describe('mailbox sync: contacts round trip', () => {
  let h: SyncHarness;
  let anna: { accountId: string; mailbox: string };
  let contacts: string;

  beforeEach(() => {
    h = new SyncHarness();
    anna = h.addAccount('anna');
    contacts = h.exchange.folderId(anna.mailbox, 'contacts');
    h.addRule({ dataType: 'contacts' });
  });

  it('creates a CRM contact in Exchange, stamped with its CRM id', async () => {
    const id = h.crm.userCreate('contacts', makeContact());
    const outcome = await h.run(anna.accountId);
    expect(outcome).toMatchObject({ status: 'synced', counts: { created: 1 } });
    const items = h.exchange.itemsIn(contacts);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ crmId: id, data: makeContact() });
  });

  it('creates an Exchange contact in the CRM and does not see its own writes as changes', async () => {
    h.exchange.userCreate(anna.mailbox, contacts, makeContact({ surname: 'Outlook' }));
    await h.run(anna.accountId);
    expect(h.crm.values('contacts')).toEqual([makeContact({ surname: 'Outlook' })]);
    const writes = h.crm.writes.length;
    const updates = h.exchange.count('updateItems');
    await h.run(anna.accountId);
    await h.run(anna.accountId);
    expect(h.crm.writes.length).toBe(writes);
    expect(h.exchange.count('updateItems')).toBe(updates);
    expect(h.exchange.count('createItems')).toBe(0);
  });

  it('carries a change made in Outlook to the CRM and one made in the CRM to Exchange', async () => {
    const id = h.crm.userCreate('contacts', makeContact());
    await h.run(anna.accountId);
    const [item] = h.exchange.itemsIn(contacts);
    h.exchange.userUpdate(item?.id ?? '', { jobTitle: 'CTO' });
    await h.run(anna.accountId);
    expect(h.crm.get('contacts', id)).toMatchObject({ jobTitle: 'CTO' });
    h.crm.userUpdate('contacts', id, { department: 'Board' });
    await h.run(anna.accountId);
    expect(h.exchange.itemsIn(contacts)[0]?.data).toMatchObject({ jobTitle: 'CTO', department: 'Board' });
  });

  it('deletes on the other side what was deleted on one side', async () => {
    const keep = h.crm.userCreate('contacts', makeContact({ surname: 'Keep' }));
    const gone = h.crm.userCreate('contacts', makeContact({ surname: 'Gone' }));
    await h.run(anna.accountId);
    h.crm.userDelete('contacts', gone);
    const keepItem = h.exchange.itemsIn(contacts).find((item) => item.crmId === keep);
    h.exchange.userDelete(keepItem?.id ?? '');
    await h.run(anna.accountId);
    expect(h.exchange.itemsIn(contacts)).toEqual([]);
    expect(h.crm.ids('contacts')).toEqual([]);
  });

  it('lets the CRM master win a conflict and logs the Outlook values it overrode', async () => {
    const id = h.crm.userCreate('contacts', makeContact());
    await h.run(anna.accountId);
    h.crm.userUpdate('contacts', id, { jobTitle: 'CFO' });
    h.exchange.userUpdate(h.exchange.itemsIn(contacts)[0]?.id ?? '', { jobTitle: 'CTO' });
    await h.run(anna.accountId);
    expect(h.crm.get('contacts', id)).toMatchObject({ jobTitle: 'CFO' });
    expect(h.exchange.itemsIn(contacts)[0]?.data).toMatchObject({ jobTitle: 'CFO' });
    expect(h.log.entries.filter((entry) => entry.action === 'conflict')).toEqual([
      expect.objectContaining({ crmId: id, detail: { fields: ['jobTitle'], loserValues: { jobTitle: 'CTO' } } }),
    ]);
  });

  it('lets the Exchange master win a conflict', async () => {
    h.config.rules = [];
    h.addRule({ dataType: 'contacts', master: 'exchange' });
    const id = h.crm.userCreate('contacts', makeContact());
    await h.run(anna.accountId);
    h.crm.userUpdate('contacts', id, { jobTitle: 'CFO' });
    h.exchange.userUpdate(h.exchange.itemsIn(contacts)[0]?.id ?? '', { jobTitle: 'CTO' });
    await h.run(anna.accountId);
    expect(h.crm.get('contacts', id)).toMatchObject({ jobTitle: 'CTO' });
    expect(h.exchange.itemsIn(contacts)[0]?.data).toMatchObject({ jobTitle: 'CTO' });
  });

  it('pushes no history: records older than the rule travel only once they change', async () => {
    h.config.rules = [];
    const oldCrm = h.crm.userCreate('contacts', makeContact({ surname: 'OldCrm' }));
    const oldItem = h.exchange.userCreate(anna.mailbox, contacts, makeContact({ surname: 'OldExchange' }));
    h.clock.advanceMinutes(5);
    h.addRule({ dataType: 'contacts' });
    await h.run(anna.accountId);
    expect(h.exchange.itemsIn(contacts).map((item) => item.data)).toEqual([makeContact({ surname: 'OldExchange' })]);
    expect(h.crm.ids('contacts')).toEqual([oldCrm]);
    h.crm.userUpdate('contacts', oldCrm, { jobTitle: 'changed' });
    h.exchange.userUpdate(oldItem, { jobTitle: 'changed too' });
    await h.run(anna.accountId);
    expect(h.exchange.itemsIn(contacts)).toHaveLength(2);
    expect(h.crm.ids('contacts')).toHaveLength(2);
  });

  it('imports older records when the rule opens an initial import window', async () => {
    h.config.rules = [];
    h.crm.userCreate('contacts', makeContact({ surname: 'OldCrm' }));
    h.clock.advanceMinutes(5);
    h.addRule({ dataType: 'contacts', options: { initialImportSince: '2026-01-01T00:00:00Z' } as never });
    await h.run(anna.accountId);
    expect(h.exchange.itemsIn(contacts)).toHaveLength(1);
  });

  it('resyncs a folder whose sync state became invalid without duplicating anything', async () => {
    h.crm.userCreate('contacts', makeContact({ surname: 'A' }));
    h.exchange.userCreate(anna.mailbox, contacts, makeContact({ surname: 'B' }));
    await h.run(anna.accountId);
    h.exchange.invalidateSyncState(contacts);
    const outcome = await h.run(anna.accountId);
    expect(outcome.status).toBe('synced');
    expect(h.exchange.itemsIn(contacts)).toHaveLength(2);
    expect(h.crm.ids('contacts')).toHaveLength(2);
    expect(h.log.entries.some((entry) => entry.action === 'reset')).toBe(true);
  });

  it('re-finds items through the stamped CRM id after the pair table is lost', async () => {
    const fromCrm = h.crm.userCreate('contacts', makeContact({ surname: 'A' }));
    const fromExchange = h.exchange.userCreate(anna.mailbox, contacts, makeContact({ surname: 'B' }));
    await h.run(anna.accountId);
    h.state.pairs.clear();
    h.crm.userUpdate('contacts', fromCrm, { jobTitle: 'after loss' });
    const current = h.exchange.itemsIn(contacts).find((item) => item.data.type === 'contact' && item.data.surname === 'B');
    h.exchange.userUpdate(current?.id ?? fromExchange, { jobTitle: 'also after loss' });
    await h.run(anna.accountId);
    await h.run(anna.accountId);
    expect(h.exchange.itemsIn(contacts)).toHaveLength(2);
    expect(h.crm.ids('contacts')).toHaveLength(2);
    expect(h.exchange.itemsIn(contacts).find((item) => item.crmId === fromCrm)?.data).toMatchObject({ jobTitle: 'after loss' });
    // Without a snapshot nobody knows which side changed: the CRM master decides, the Outlook value is logged.
    const b = h.exchange.itemsIn(contacts).find((item) => item.data.type === 'contact' && item.data.surname === 'B');
    expect(h.crm.get('contacts', b?.crmId ?? '')).toEqual(b?.data);
    expect(h.log.entries).toContainEqual(expect.objectContaining({ action: 'conflict', detail: { fields: ['jobTitle'], loserValues: { jobTitle: 'also after loss' } } }));
  });

  it('does not duplicate an Exchange create whose answer was lost', async () => {
    h.crm.userCreate('contacts', makeContact());
    const { ExchangeError } = await import('../../server/src/exchange/exchange-error');
    h.exchange.loseAnswerOfNext('createItems', new ExchangeError('temporary', 'timeout'));
    const failed = await h.run(anna.accountId);
    expect(failed.status).toBe('failed');
    await h.run(anna.accountId, true);
    expect(h.exchange.itemsIn(contacts)).toHaveLength(1);
  });

  /** The process dies right after the next CRM create committed: the record exists, the run ends there. */
  async function importDyingAfterCrmCommit(): Promise<void> {
    const createRecord = h.crm.createRecord.bind(h.crm);
    h.crm.createRecord = async (...args) => {
      await createRecord(...args);
      h.crm.createRecord = createRecord;
      throw new Error('process killed');
    };
    await h.run(anna.accountId).catch(() => undefined);
  }

  it('does not lose the delete of an item whose import died between the CRM commit and the pair', async () => {
    const ben = h.addAccount('ben');
    const item = h.exchange.userCreate(anna.mailbox, contacts, makeContact({ surname: 'Short-lived' }));
    await importDyingAfterCrmCommit();
    expect(h.crm.ids('contacts')).toHaveLength(1);
    h.exchange.userDelete(item);
    await h.run(anna.accountId);
    await h.run(ben.accountId);
    expect(h.crm.ids('contacts')).toEqual([]);
    expect(h.exchange.itemsIn(h.exchange.folderId(ben.mailbox, 'contacts'))).toEqual([]);
  });

  it('finishes an import that died between the CRM commit and the pair without a second record or item', async () => {
    h.exchange.userCreate(anna.mailbox, contacts, makeContact({ surname: 'Kept' }));
    await importDyingAfterCrmCommit();
    await h.run(anna.accountId);
    await h.run(anna.accountId);
    expect(h.crm.values('contacts')).toEqual([makeContact({ surname: 'Kept' })]);
    const items = h.exchange.itemsIn(contacts);
    expect(items).toHaveLength(1);
    expect(items[0]?.crmId).toBe(h.crm.ids('contacts')[0]);
  });

  it('costs one folder sync call per folder and nothing else when nothing changed', async () => {
    h.crm.userCreate('contacts', makeContact());
    await h.run(anna.accountId);
    h.exchange.calls.clear();
    await h.run(anna.accountId);
    expect(Object.fromEntries(h.exchange.calls)).toEqual({ syncFolder: 1 });
  });
});
