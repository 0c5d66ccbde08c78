import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncRuleInputSchema, type SyncRule } from '../../shared/admin/sync-rule.schema';
import { createCrmStore, type CrmStore } from '../../server/src/crm/crm-store';
import type { WriteContext } from '../../server/src/crm/viewer';
import { migrate } from '../../server/src/db/migrate';
import { createCrmSyncAdapter } from '../../server/src/sync/crm-adapter/crm-sync.adapter';
import type { CrmSyncPort } from '../../server/src/sync/crm-sync.port';
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
  let adapter: CrmSyncPort;
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
    adapter = createCrmSyncAdapter(store, { timeZone: 'Europe/Berlin' });
    engine = createMailboxSync({
      config,
      crm: adapter,
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

  describe('the company of a contact (C4)', () => {
    const newCompany = (name: string) => store.companies.create(api, { name, domains: [], status: 'active', restricted: false, groupIds: [], notes: '' });
    const newContact = (lastName: string, companyId: string | null) =>
      store.contacts.create(api, { ...(companyId ? { companyId } : {}), firstName: 'Eva', lastName, emails: [], phones: [], notes: '' });
    const companyInOutlook = (crmId: string): string | undefined => {
      const data = exchange.itemsIn(folder('contacts')).find((item) => item.crmId === crmId)?.data;
      return data?.type === 'contact' ? data.companyName : undefined;
    };

    it('moves a contact to another company, and out of any, in Outlook as in the CRM', async () => {
      const [contoso, fabrikam] = [await newCompany('Contoso Umzug GmbH'), await newCompany('Fabrikam Umzug AG')];
      const contact = await newContact('Umzug', contoso.id);
      await engine.syncMailbox('acc', true);
      expect(companyInOutlook(contact.id)).toBe('Contoso Umzug GmbH');
      await store.contacts.update(api, contact.id, { companyId: fabrikam.id });
      expect(await engine.syncMailbox('acc', true)).toMatchObject({ status: 'synced', counts: { changed: 1, conflicts: 0 } });
      expect(companyInOutlook(contact.id)).toBe('Fabrikam Umzug AG');
      await store.contacts.update(api, contact.id, { companyId: null });
      await engine.syncMailbox('acc', true);
      expect(companyInOutlook(contact.id)).toBe('');
    });

    it('renames a CRM company in every synced contact of it in one run, though the contacts did not change', async () => {
      const company = await newCompany('Altname GmbH');
      const members = [await newContact('Erste', company.id), await newContact('Zweite', company.id), await newContact('Dritte', company.id)];
      await engine.syncMailbox('acc', true);
      await store.companies.update(api, company.id, { name: 'Neuname GmbH' });
      expect(await engine.syncMailbox('acc', true)).toMatchObject({ status: 'synced', counts: { changed: 3, conflicts: 0 } });
      expect(members.map((member) => companyInOutlook(member.id))).toEqual(['Neuname GmbH', 'Neuname GmbH', 'Neuname GmbH']);
      expect(await engine.syncMailbox('acc', true)).toMatchObject({ status: 'synced', counts: { changed: 0 } });
    });

    it('clears the company in Outlook when the CRM deletes the company', async () => {
      const company = await newCompany('Abgang KG');
      const contact = await newContact('Abgang', company.id);
      await engine.syncMailbox('acc', true);
      await store.companies.remove(api, company.id);
      await engine.syncMailbox('acc', true);
      expect(companyInOutlook(contact.id)).toBe('');
    });

    it('keeps a company spelled differently in Outlook and linked to the CRM one through a CRM edit, without writes or conflicts', async () => {
      const company = await newCompany('Schreibweise GmbH');
      const itemId = exchange.userCreate(mailbox, folder('contacts'), makeContact({ surname: 'Klein', companyName: 'schreibweise gmbh ', emails: ['klein@schreibweise.example'] }));
      await engine.syncMailbox('acc', true);
      const crmId = exchange.itemsIn(folder('contacts')).find((item) => item.id === itemId)?.crmId ?? '';
      expect((await store.contacts.get(api, crmId)).companyId).toBe(company.id);
      // A CRM edit of another field makes the engine compare the whole contact again.
      await store.contacts.update(api, crmId, { jobTitle: 'Einkauf' });
      expect(await engine.syncMailbox('acc', true)).toMatchObject({ status: 'synced', counts: { changed: 1, conflicts: 0 } });
      const linked = await store.contacts.get(api, crmId);
      const updates = exchange.count('updateItems');
      for (let run = 0; run < 2; run += 1) expect(await engine.syncMailbox('acc', true)).toMatchObject({ status: 'synced', counts: { created: 0, changed: 0, conflicts: 0 } });
      expect(exchange.count('updateItems')).toBe(updates);
      expect((await store.contacts.get(api, crmId)).version).toBe(linked.version);
      expect(companyInOutlook(crmId)).toBe('schreibweise gmbh ');
    });

    it('reads a company change as all of its contacts under one journal position, and moves past a company without any', async () => {
      const empty = await newCompany('Leer GmbH');
      const full = await newCompany('Voll GmbH');
      const members = [await newContact('Voll1', full.id), await newContact('Voll2', full.id), await newContact('Voll3', full.id)];
      const head = await store.headSeq();
      await store.companies.update(api, empty.id, { phone: '+49 1' });
      await store.companies.update(api, full.id, { phone: '+49 2' });
      const first = await adapter.readChanges('contacts', head, 1);
      expect(first).toEqual({ entries: [], lastSeq: head + 1, more: true });
      const second = await adapter.readChanges('contacts', head + 1, 1);
      expect(second.entries.map((entry) => entry.recordId).sort()).toEqual(members.map((member) => member.id).sort());
      expect(second.entries.every((entry) => entry.seq === head + 2 && entry.kind === 'upsert' && entry.origin === 'api')).toBe(true);
      expect(await adapter.readChanges('contacts', head + 2, 1)).toEqual({ entries: [], lastSeq: null, more: false });
    });
  });
});
