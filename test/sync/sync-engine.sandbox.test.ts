import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type ItemInfo, type Sandbox } from '../../sandbox/index';
import { createCrmStore, type CrmStore } from '../../server/src/crm/crm-store';
import type { WriteContext } from '../../server/src/crm/viewer';
import { migrate } from '../../server/src/db/migrate';
import { SecretBox } from '../../server/src/secrets/secret-box';
import { createCrmSyncAdapter } from '../../server/src/sync/crm-adapter/crm-sync.adapter';
import { createSyncModule, type SyncModule } from '../../server/src/sync/sync-module';
import { openTestDatabase, type TestDatabase } from '../support/test-databases';

const everything = { create: true, change: true, delete: true, overwrite: false };

describe('sync engine end to end: CRM store, SQL state, EWS adapter, sandbox', () => {
  let sandbox: Sandbox;
  let test: TestDatabase;
  let crm: CrmStore;
  let sync: SyncModule;
  let api: WriteContext;
  let accountId: string;
  let serverId: string;
  const mailbox = 'anna@contoso.example';
  const contactsIn = () => sandbox.control.listItems(mailbox, 'contacts');
  const crmId = (item: ItemInfo): string | undefined => item.extended.find((p) => p.values[0])?.values[0];

  beforeAll(async () => {
    sandbox = await startSandbox();
    sandbox.control.addMailbox({ smtpAddress: mailbox, displayName: 'Anna' });
    sandbox.control.grantImpersonation(mailbox);
    test = await openTestDatabase('pglite');
    await migrate(test.db);
    crm = createCrmStore(test.db);
    const system: WriteContext = { userId: '00000000-0000-0000-0000-000000000000', isAdmin: true, origin: 'api' };
    const anna = await crm.users.create(system, { email: mailbox, displayName: 'Anna', isAdmin: false });
    api = { userId: anna.id, isAdmin: false, origin: 'api' };
    sync = createSyncModule({
      db: test.db,
      sealer: new SecretBox(randomBytes(32)),
      crm: createCrmSyncAdapter(crm, { timeZone: 'Europe/Berlin' }),
      logger: pino({ level: 'silent' }),
      defaultTimeZone: 'Europe/Berlin',
      caCertPem: sandbox.caCertPem,
    });
    const server = await sync.stores.servers.create({
      name: 'Sandbox',
      description: '',
      type: 'on-premises',
      ewsUrl: sandbox.ewsUrl,
      graphEndpoint: null,
      version: 'Exchange2016',
      alternativeLoginName: null,
      auth: { method: 'basic', username: sandbox.basic.user, password: sandbox.basic.password },
    });
    serverId = server.id;
    accountId = (await sync.stores.accounts.create({ userId: anna.id, mailbox, serverId, active: true, authFailurePolicy: null, authOverride: null })).id;
    await sync.stores.rules.create({
      description: 'Contacts',
      active: true,
      validity: { scope: 'all' },
      dataType: 'contacts',
      master: 'crm',
      crmToExchange: everything,
      exchangeToCrm: everything,
      folders: [{ kind: 'well-known', name: 'contacts' }],
      includeSubfolders: false,
      newItemsFolder: null,
      crmFilter: [],
      options: { bodyFormat: 'html', oneWayInfoTexts: false, keepExchangeText: false, templateCompanyId: null, companySalutation: null, initialImportSince: null, deleteProtection: null },
    });
  });
  afterAll(async () => {
    await sandbox.close();
    await test.dispose();
  });

  it('creates, changes and deletes contacts in both directions', async () => {
    const fromCrm = await crm.contacts.create(api, { firstName: 'Berta', lastName: 'Klein', emails: ['berta@klein.example'], phones: [], notes: '' });
    sandbox.control.createItem(mailbox, { folder: 'contacts', kind: 'Contact', fields: { GivenName: 'Carl', Surname: 'Outlook' } });
    expect(await sync.engine.syncMailbox(accountId, true)).toMatchObject({ status: 'synced', counts: { created: 2 } });
    expect(contactsIn().map(crmId)).toContain(fromCrm.id);
    const imported = (await crm.contacts.list({ userId: api.userId, isAdmin: true }, { limit: 50 })).items.find((c) => c.lastName === 'Outlook');
    expect(imported).toBeDefined();

    const pushed = contactsIn().find((item) => crmId(item) === fromCrm.id);
    sandbox.control.updateItem(mailbox, pushed?.id ?? '', { fields: { JobTitle: 'Einkauf' } });
    await crm.contacts.update(api, imported?.id ?? '', { jobTitle: 'Vertrieb' });
    await sync.engine.syncMailbox(accountId, true);
    expect((await crm.contacts.get(api, fromCrm.id)).jobTitle).toBe('Einkauf');
    expect(contactsIn().find((item) => crmId(item) === imported?.id)?.fields['JobTitle']).toBe('Vertrieb');

    sandbox.control.deleteItem(mailbox, pushed?.id ?? '');
    await crm.contacts.remove(api, imported?.id ?? '');
    await sync.engine.syncMailbox(accountId, true);
    await expect(crm.contacts.get(api, fromCrm.id)).rejects.toThrow(/not found/);
    expect(contactsIn()).toEqual([]);
  });

  it('duplicates nothing after reset and resync, after losing the pair table, or on a re-run', async () => {
    const a = await crm.contacts.create(api, { firstName: '', lastName: 'Alpha', emails: [], phones: [], notes: '' });
    sandbox.control.createItem(mailbox, { folder: 'contacts', kind: 'Contact', fields: { Surname: 'Beta' } });
    await sync.engine.syncMailbox(accountId, true);
    await sync.status.resetAndResync(accountId);
    await sync.engine.syncMailbox(accountId, true);
    await test.db.query('DELETE FROM sync_pairs');
    await crm.contacts.update(api, a.id, { jobTitle: 'after loss' });
    await sync.engine.syncMailbox(accountId, true);
    await sync.engine.syncMailbox(accountId, true);
    expect(contactsIn().map((item) => item.fields['Surname']).sort()).toEqual(['Alpha', 'Beta']);
    const all = await crm.contacts.list({ userId: api.userId, isAdmin: true }, { limit: 50 });
    expect(all.items.map((c) => c.lastName).sort()).toEqual(['Alpha', 'Beta']);
    expect(contactsIn().find((item) => item.fields['Surname'] === 'Alpha')?.fields['JobTitle']).toBe('after loss');
  });

  it('backs off on ErrorServerBusy without deactivating, and waits after a 401 under the delayed policy', async () => {
    sandbox.control.injectFaults({ probabilities: { serverBusy: 1 }, backOffMilliseconds: 45_000 });
    const busy = await sync.engine.syncMailbox(accountId, true);
    sandbox.control.clearFaults();
    expect(busy).toMatchObject({ status: 'failed', transition: { type: 'back-off' } });
    expect((await sync.stores.accounts.get(accountId))?.active).toBe(true);

    const server = await sync.stores.servers.get(serverId);
    if (!server) throw new Error('server missing');
    const { auth: _auth, id: _id, createdAt: _c, updatedAt: _u, ...rest } = server;
    await sync.stores.servers.update(serverId, { ...rest, auth: { method: 'basic', username: sandbox.basic.user, password: 'wrong' } });
    const refused = await sync.engine.syncMailbox(accountId, true);
    expect(refused).toMatchObject({ status: 'failed', transition: { type: 'auth-retry' } });
    expect((await sync.stores.accounts.get(accountId))?.active).toBe(true);
    await sync.stores.servers.update(serverId, { ...rest, auth: { method: 'basic', username: sandbox.basic.user, password: sandbox.basic.password } });
    expect(await sync.engine.syncMailbox(accountId, true)).toMatchObject({ status: 'synced' });
  });
});
