import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncRuleInputSchema, type SyncRule } from '../../shared/admin/sync-rule.schema';
import { createCrmStore, type CrmStore } from '../../server/src/crm/crm-store';
import type { WriteContext } from '../../server/src/crm/viewer';
import { migrate } from '../../server/src/db/migrate';
import { createCrmSyncAdapter } from '../../server/src/sync/crm-adapter/crm-sync.adapter';
import { createMailboxSync, type MailboxSync } from '../../server/src/sync/mailbox-sync.service';
import { openTestDatabase, type TestDatabase } from '../support/test-databases';
import { FakeExchange } from './support/fake-exchange.gateway';
import { MemoryConfig, MemoryLogStore, MemoryStateStore, MemoryStatusStore } from './support/memory-stores';
import { makeAppointment, makeContact, makeTask } from './support/neutral-fixtures';

const everything = { create: true, change: true, delete: true, overwrite: false };

describe('engine with the real CRM store (PGlite)', () => {
  let test: TestDatabase;
  let store: CrmStore;
  let engine: MailboxSync;
  let api: WriteContext;
  let annaId: string;
  const exchange = new FakeExchange(() => new Date());
  const config = new MemoryConfig();
  const mailbox = 'anna@example.test';
  const folder = (name: string): string => exchange.folderId(mailbox, name);
  const rule = (id: string, dataType: SyncRule['dataType'], folderName: 'contacts' | 'calendar' | 'tasks'): SyncRule => ({
    ...syncRuleInputSchema.parse({ description: id, validity: { scope: 'all' }, dataType, master: 'crm', crmToExchange: everything, exchangeToCrm: everything, folders: [{ kind: 'well-known', name: folderName }] }),
    id,
    createdAt: '2020-01-01T00:00:00.000Z',
    updatedAt: '2020-01-01T00:00:00.000Z',
  });

  beforeAll(async () => {
    test = await openTestDatabase('pglite');
    await migrate(test.db);
    store = createCrmStore(test.db);
    const admin: WriteContext = { userId: '00000000-0000-0000-0000-000000000000', isAdmin: true, origin: 'api' };
    annaId = (await store.users.create(admin, { email: 'anna@example.test', displayName: 'Anna', isAdmin: false })).id;
    api = { userId: annaId, isAdmin: true, origin: 'api' };
    exchange.addMailbox(mailbox);
    config.rules = [rule('contacts', 'contacts', 'contacts'), rule('appointments', 'appointments', 'calendar'), rule('tasks', 'tasks', 'tasks')];
    config.accounts.set('acc', { id: 'acc', userId: annaId, mailbox, active: true, serverId: 's', authFailurePolicy: null, connection: { serverId: 's', serverType: 'on-premises', ewsUrl: 'https://x', version: 'Exchange2016', alternativeLoginName: null, auth: { method: 'basic', username: 'u', password: 'p' } } });
    engine = createMailboxSync({
      config,
      crm: createCrmSyncAdapter(store, { timeZone: 'Europe/Berlin' }),
      state: new MemoryStateStore(),
      log: new MemoryLogStore(),
      statuses: new MemoryStatusStore(),
      gatewayFor: () => exchange,
      logger: pino({ level: 'silent' }),
      now: () => new Date(),
      random: () => 0.5,
    });
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('pushes a CRM contact to Exchange and brings an Outlook edit back into the CRM record', async () => {
    const contact = await store.contacts.create(api, { firstName: 'Berta', lastName: 'Klein', emails: ['berta@klein.example'], phones: [{ kind: 'work', number: '+49 30 1' }, { kind: 'fax', number: '+49 30 2' }], notes: '' });
    expect(await engine.syncMailbox('acc', true)).toMatchObject({ status: 'synced' });
    const [item] = exchange.itemsIn(folder('contacts'));
    expect(item).toMatchObject({ crmId: contact.id, data: { givenName: 'Berta', surname: 'Klein', businessPhone: '+49 30 1', emails: ['berta@klein.example'] } });
    exchange.userUpdate(item?.id ?? '', { jobTitle: 'Einkauf', mobilePhone: '+49 171 9' });
    await engine.syncMailbox('acc', true);
    const updated = await store.contacts.get(api, contact.id);
    expect(updated.jobTitle).toBe('Einkauf');
    expect(updated.phones).toEqual(expect.arrayContaining([{ kind: 'mobile', number: '+49 171 9' }, { kind: 'fax', number: '+49 30 2' }]));
  });

  it('imports a contact created in Outlook as owned by the mailbox user', async () => {
    exchange.userCreate(mailbox, folder('contacts'), makeContact({ givenName: 'Olga', surname: 'Outlook', companyName: '', emails: ['olga@outlook.example'] }));
    expect(await engine.syncMailbox('acc', true)).toMatchObject({ status: 'synced' });
    const imported = exchange.itemsIn(folder('contacts')).find((item) => item.data.type === 'contact' && item.data.surname === 'Outlook');
    expect(imported?.crmId).toBeTruthy();
    const contact = await store.contacts.get(api, imported?.crmId ?? '');
    expect(contact).toMatchObject({ firstName: 'Olga', lastName: 'Outlook', ownerId: annaId });
  });

  it('imports an Outlook series and keeps its recurrence and zone when the CRM edits the subject', async () => {
    const series = makeAppointment({
      iCalUId: 'series-1',
      subject: 'Jour fixe',
      start: { dateTime: '2026-12-07T09:00:00', timeZone: 'America/New_York' },
      end: { dateTime: '2026-12-07T10:00:00', timeZone: 'America/New_York' },
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'], firstDayOfWeek: 'monday' }, range: { type: 'no-end', startDate: '2026-12-07' } },
      exceptions: [{ type: 'deleted', originalStart: { dateTime: '2026-12-14T09:00:00', timeZone: 'America/New_York' } }],
    });
    const id = exchange.userCreate(mailbox, folder('calendar'), series);
    await engine.syncMailbox('acc', true);
    const crmId = exchange.itemsIn(folder('calendar')).find((item) => item.id === id)?.crmId ?? '';
    const imported = await store.appointments.get(api, crmId);
    expect(imported).toMatchObject({ subject: 'Jour fixe', startsAt: expect.stringMatching(/^2026-12-07T14:00:00/), iCalUId: 'series-1', ownerId: annaId });
    await store.appointments.update(api, crmId, { subject: 'Jour fixe (neu)' });
    await engine.syncMailbox('acc', true);
    const after = exchange.itemsIn(folder('calendar')).find((item) => item.crmId === crmId);
    expect(after?.data).toEqual({ ...series, subject: 'Jour fixe (neu)' });
  });

  it('maps task status both ways and keeps percent complete that the CRM cannot hold', async () => {
    const id = exchange.userCreate(mailbox, folder('tasks'), makeTask({ subject: 'Angebot', status: 'in-progress', percentComplete: 60 }));
    await engine.syncMailbox('acc', true);
    const crmId = exchange.itemsIn(folder('tasks')).find((item) => item.id === id)?.crmId ?? '';
    expect(await store.tasks.get(api, crmId)).toMatchObject({ subject: 'Angebot', status: 'inProgress', dueAt: expect.stringMatching(/^2026-12-04T23:00:00/) });
    await store.tasks.update(api, crmId, { priority: 'high' });
    await engine.syncMailbox('acc', true);
    expect(exchange.itemsIn(folder('tasks')).find((item) => item.crmId === crmId)?.data).toMatchObject({ importance: 'high', percentComplete: 60, status: 'in-progress' });
  });

  it('deletes the CRM record when the Outlook user deletes the item, and never echoes its own writes', async () => {
    const contact = await store.contacts.create(api, { firstName: '', lastName: 'Weg', emails: [], phones: [], notes: '' });
    await engine.syncMailbox('acc', true);
    const item = exchange.itemsIn(folder('contacts')).find((i) => i.crmId === contact.id);
    exchange.userDelete(item?.id ?? '');
    await engine.syncMailbox('acc', true);
    await expect(store.contacts.get(api, contact.id)).rejects.toThrow(/not found/);
    const writesBefore = exchange.count('createItems') + exchange.count('updateItems') + exchange.count('deleteItems');
    await engine.syncMailbox('acc', true);
    expect(exchange.count('createItems') + exchange.count('updateItems') + exchange.count('deleteItems')).toBe(writesBefore);
  });

});
