import { beforeEach, describe, expect, it } from 'vitest';
import { ExchangeError } from '../../server/src/exchange/exchange-error';
import { SyncHarness } from './support/sync-harness';
import { makeAppointment, makeContact, makeTask } from './support/neutral-fixtures';

const everything = { create: true, change: true, delete: true, overwrite: false };

describe('mailbox sync: rules', () => {
  let h: SyncHarness;
  let anna: { accountId: string; mailbox: string };
  let ben: { accountId: string; mailbox: string };

  beforeEach(() => {
    h = new SyncHarness();
    anna = h.addAccount('anna', ['sales']);
    ben = h.addAccount('ben');
  });

  const contactsOf = (mailbox: string) => h.exchange.itemsIn(h.exchange.folderId(mailbox, 'contacts'));

  it('applies a group rule to its members and the all-users rule to everyone else', async () => {
    const filtered = { field: 'company.status' as const, operator: 'in' as const, values: ['customer'] };
    h.addRule({ dataType: 'contacts', crmFilter: [filtered] });
    h.addRule({ dataType: 'contacts', validity: { scope: 'group', groupId: 'sales' } });
    h.crm.userCreate('contacts', makeContact({ surname: 'Customer' }), { filterValues: { 'company.status': 'customer' } });
    h.crm.userCreate('contacts', makeContact({ surname: 'Prospect' }), { filterValues: { 'company.status': 'prospect' } });
    await h.run(anna.accountId);
    await h.run(ben.accountId);
    expect(contactsOf(anna.mailbox)).toHaveLength(2);
    expect(contactsOf(ben.mailbox).map((item) => item.data)).toEqual([makeContact({ surname: 'Customer' })]);
  });

  it('lets a user rule override the group rule for that user only', async () => {
    h.addRule({ dataType: 'contacts', validity: { scope: 'group', groupId: 'sales' } });
    h.addRule({ dataType: 'contacts', validity: { scope: 'user', userId: 'anna' }, crmToExchange: { ...everything, create: false } });
    h.crm.userCreate('contacts', makeContact());
    await h.run(anna.accountId);
    expect(contactsOf(anna.mailbox)).toEqual([]);
  });

  it('syncs subfolders only when the rule includes them', async () => {
    const root = h.exchange.folderId(anna.mailbox, 'contacts');
    const sub = h.exchange.addFolder(anna.mailbox, root, 'Suppliers', 'contacts');
    h.addRule({ dataType: 'contacts', includeSubfolders: false });
    h.exchange.userCreate(anna.mailbox, sub, makeContact({ surname: 'InSub' }));
    await h.run(anna.accountId);
    expect(h.crm.ids('contacts')).toEqual([]);
    h.config.rules[0] = { ...h.config.rules[0]!, includeSubfolders: true };
    await h.run(anna.accountId);
    expect(h.crm.values('contacts')).toEqual([makeContact({ surname: 'InSub' })]);
  });

  it('puts new items in the folder for new items', async () => {
    const root = h.exchange.folderId(anna.mailbox, 'contacts');
    const sub = h.exchange.addFolder(anna.mailbox, root, 'CRM', 'contacts');
    h.addRule({ dataType: 'contacts', includeSubfolders: true, newItemsFolder: { kind: 'path', path: ['Contacts', 'CRM'] } });
    h.crm.userCreate('contacts', makeContact());
    await h.run(anna.accountId);
    expect(h.exchange.itemsIn(sub)).toHaveLength(1);
  });

  it('honours each create, change and delete switch per direction', async () => {
    h.addRule({ dataType: 'contacts', crmToExchange: { create: true, change: false, delete: false, overwrite: false }, exchangeToCrm: { create: false, change: true, delete: false, overwrite: false } });
    const id = h.crm.userCreate('contacts', makeContact());
    h.exchange.userCreate(anna.mailbox, h.exchange.folderId(anna.mailbox, 'contacts'), makeContact({ surname: 'NotImported' }));
    await h.run(anna.accountId);
    expect(h.crm.ids('contacts')).toEqual([id]);
    h.crm.userUpdate('contacts', id, { jobTitle: 'not pushed' });
    await h.run(anna.accountId);
    const pushed = contactsOf(anna.mailbox).find((item) => item.crmId === id);
    expect(pushed?.data).toMatchObject({ jobTitle: 'CEO' });
    h.exchange.userUpdate(pushed?.id ?? '', { department: 'pulled' });
    await h.run(anna.accountId);
    expect(h.crm.get('contacts', id)).toMatchObject({ department: 'pulled' });
    h.crm.userDelete('contacts', id);
    await h.run(anna.accountId);
    expect(contactsOf(anna.mailbox).some((item) => item.crmId === id)).toBe(true);
  });

  it('does not delete when a CRM record leaves the filter or an item is moved out of the synced folders', async () => {
    const root = h.exchange.folderId(anna.mailbox, 'contacts');
    const elsewhere = h.exchange.addFolder(anna.mailbox, root, 'Private', 'contacts');
    h.addRule({ dataType: 'contacts', crmFilter: [{ field: 'company.status', operator: 'in', values: ['customer'] }] });
    const leaving = h.crm.userCreate('contacts', makeContact({ surname: 'Leaving' }), { filterValues: { 'company.status': 'customer' } });
    const moving = h.crm.userCreate('contacts', makeContact({ surname: 'Moving' }), { filterValues: { 'company.status': 'customer' } });
    await h.run(anna.accountId);
    h.crm.userUpdate('contacts', leaving, {}, { 'company.status': 'former' });
    const item = contactsOf(anna.mailbox).find((i) => i.crmId === moving);
    h.exchange.userMove(item?.id ?? '', elsewhere);
    await h.run(anna.accountId);
    expect(contactsOf(anna.mailbox).map((i) => i.crmId)).toEqual([leaving]);
    expect(h.exchange.itemsIn(elsewhere)).toHaveLength(1);
    expect(h.crm.ids('contacts').sort()).toEqual([leaving, moving].sort());
    expect(h.log.entries.filter((entry) => entry.action === 'unpaired')).toHaveLength(2);
  });

  it('follows an item moved between two synced folders instead of deleting it', async () => {
    const root = h.exchange.folderId(anna.mailbox, 'contacts');
    const sub = h.exchange.addFolder(anna.mailbox, root, 'Suppliers', 'contacts');
    h.addRule({ dataType: 'contacts', includeSubfolders: true });
    const id = h.crm.userCreate('contacts', makeContact());
    await h.run(anna.accountId);
    h.exchange.userMove(contactsOf(anna.mailbox)[0]?.id ?? '', sub);
    await h.run(anna.accountId);
    h.crm.userUpdate('contacts', id, { jobTitle: 'moved' });
    await h.run(anna.accountId);
    expect(h.exchange.itemsIn(sub).map((item) => item.data)).toEqual([makeContact({ jobTitle: 'moved' })]);
  });

  it('syncs appointments with zone, recurrence and exceptions and keys meetings by iCalUId across mailboxes', async () => {
    h.addRule({ dataType: 'appointments' });
    const series = makeAppointment({
      iCalUId: 'meeting-1',
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'], firstDayOfWeek: 'monday' }, range: { type: 'numbered', startDate: '2026-12-07', occurrences: 40 } },
      exceptions: Array.from({ length: 25 }, (_, i) => ({ type: 'deleted' as const, originalStart: { dateTime: `2027-0${1 + (i % 9)}-0${1 + (i % 8)}T09:00:00`, timeZone: 'Europe/Berlin' } })),
    });
    h.exchange.userCreate(anna.mailbox, h.exchange.folderId(anna.mailbox, 'calendar'), series);
    h.exchange.userCreate(ben.mailbox, h.exchange.folderId(ben.mailbox, 'calendar'), series);
    await h.run(anna.accountId);
    await h.run(ben.accountId);
    // The CRM's text is plain (B7): the HTML body arrives as its text.
    expect(h.crm.values('appointments')).toEqual([{ ...series, body: { format: 'text', content: 'Agenda' } }]);
  });

  it('syncs task status, percent complete, importance and reminder', async () => {
    h.addRule({ dataType: 'tasks' });
    const id = h.crm.userCreate('tasks', makeTask(), { userIds: ['anna'] });
    await h.run(anna.accountId);
    const [item] = h.exchange.itemsIn(h.exchange.folderId(anna.mailbox, 'tasks'));
    h.exchange.userUpdate(item?.id ?? '', { status: 'completed', percentComplete: 100, importance: 'high', reminderAt: { dateTime: '2026-12-04T09:00:00', timeZone: 'Europe/Berlin' } });
    await h.run(anna.accountId);
    expect(h.crm.get('tasks', id)).toEqual(makeTask({ status: 'completed', percentComplete: 100, importance: 'high', reminderAt: { dateTime: '2026-12-04T09:00:00', timeZone: 'Europe/Berlin' } }));
    await h.run(ben.accountId);
    expect(h.exchange.itemsIn(h.exchange.folderId(ben.mailbox, 'tasks'))).toEqual([]);
  });
});

describe('mailbox sync: failures', () => {
  let h: SyncHarness;
  let anna: { accountId: string; mailbox: string };

  beforeEach(() => {
    h = new SyncHarness();
    anna = h.addAccount('anna');
    h.addRule({ dataType: 'contacts' });
  });

  it('waits 5, 10 and 20 minutes after 401s and then deactivates the account (delayed policy)', async () => {
    const waits: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      h.exchange.failNext('listFolders', new ExchangeError('auth-failed', '401', { httpStatus: 401 }));
      const before = h.clock.now().getTime();
      const early = await h.engine.syncMailbox(anna.accountId);
      if (attempt > 0) {
        expect(early.status).toBe('skipped');
        const next = h.statuses.statuses.get(anna.accountId)?.nextAttemptAt ?? '';
        waits.push((Date.parse(next) - before) / 60_000);
        h.clock.advanceMinutes(Math.ceil((Date.parse(next) - before) / 60_000));
        await h.engine.syncMailbox(anna.accountId);
      }
    }
    expect(waits).toEqual([5, 10, 20]);
    expect(h.config.accounts.get(anna.accountId)).toMatchObject({ active: false });
    expect(h.statuses.statuses.get(anna.accountId)).toMatchObject({ alert: true, lastErrorKind: 'auth-failed' });
  });

  it('never deactivates on throttling and waits for the server hint', async () => {
    for (let i = 0; i < 10; i++) {
      h.exchange.failNext('listFolders', new ExchangeError('throttled', 'ErrorServerBusy', { retryAfterMs: 90_000 }));
      await h.run(anna.accountId, true);
    }
    expect(h.config.accounts.get(anna.accountId)?.active).toBe(true);
    const status = h.statuses.statuses.get(anna.accountId);
    expect(status?.authFailures).toBe(0);
    expect(status?.consecutiveFailures).toBe(0);
  });

  it('deactivates and alerts when impersonation is denied', async () => {
    h.exchange.failNext('listFolders', new ExchangeError('impersonation-denied', 'ErrorImpersonateUserDenied'));
    const outcome = await h.run(anna.accountId);
    expect(outcome).toMatchObject({ status: 'failed', transition: { type: 'deactivate' } });
    expect(h.config.accounts.get(anna.accountId)?.active).toBe(false);
  });

  it('resets the failure counters after a successful run', async () => {
    h.exchange.failNext('listFolders', new ExchangeError('temporary', 'timeout'));
    await h.run(anna.accountId);
    await h.run(anna.accountId, true);
    expect(h.statuses.statuses.get(anna.accountId)).toMatchObject({ consecutiveFailures: 0, lastError: null });
  });

  it('retries a write that failed for one item on the next run without failing the others', async () => {
    const contacts = h.exchange.folderId(anna.mailbox, 'contacts');
    const id = h.crm.userCreate('contacts', makeContact());
    await h.run(anna.accountId);
    h.crm.userUpdate('contacts', id, { jobTitle: 'retry me' });
    const original = h.exchange.updateItems.bind(h.exchange);
    h.exchange.updateItems = async (_mailbox, updates) => updates.map(() => ({ ok: false as const, error: new ExchangeError('temporary', 'ErrorInternalServerTransientError') }));
    await h.run(anna.accountId);
    h.exchange.updateItems = original;
    await h.run(anna.accountId);
    expect(h.exchange.itemsIn(contacts)[0]?.data).toMatchObject({ jobTitle: 'retry me' });
  });
});
