import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/src/db/migrate';
import { createSyncModule } from '../../server/src/sync/sync-module';
import { openTestDatabase, type TestDatabase } from '../support/test-databases';
import { buildAdminApp } from './support/admin-app';
import { FakeCrm } from './support/fake-crm.port';
import { FakeExchange } from './support/fake-exchange.gateway';
import { fakeSealer } from './support/fake-sealer';

const server = { name: 'On-prem', type: 'on-premises', ewsUrl: 'https://mail.example.test/EWS/Exchange.asmx', auth: { method: 'basic', username: 'svc', password: 'Pa55word!' } };
const contactsRule = (description: string, validity: Record<string, string>) => ({
  description,
  validity,
  dataType: 'contacts',
  master: 'crm',
  crmToExchange: { create: true, change: true, delete: true, overwrite: false },
  exchangeToCrm: { create: true, change: true, delete: false, overwrite: false },
  folders: [{ kind: 'well-known', name: 'contacts' }],
});

/** B5 "run now" on a rule: the mailboxes it governs by the engine's own precedence, nothing else. */
describe('admin API: run a sync rule now', () => {
  let test: TestDatabase;
  let app: ReturnType<typeof buildAdminApp>;
  const crm = new FakeCrm();
  const exchange = new FakeExchange();
  const accountIds = new Map<string, string>();

  beforeAll(async () => {
    test = await openTestDatabase('pglite');
    await migrate(test.db);
    const sync = createSyncModule({ db: test.db, sealer: fakeSealer, crm, logger: pino({ level: 'silent' }), gatewayFor: () => exchange });
    app = buildAdminApp(sync.routes);
    const srv = await request(app).post('/api/admin/exchange-servers').send(server);
    // anna and ben are in "sales", carl is not, dora is in "sales" but her account is inactive.
    for (const [user, groups, active] of [['anna', ['sales'], true], ['ben', ['sales'], true], ['carl', [], true], ['dora', ['sales'], false]] as const) {
      crm.groups.set(user, [...groups]);
      exchange.addMailbox(`${user}@example.test`);
      const account = await request(app).post('/api/admin/mailbox-accounts').send({ userId: user, mailbox: `${user}@example.test`, serverId: srv.body.id, active });
      accountIds.set(user, account.body.id);
    }
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('runs the active mailboxes of the group, except a user whose own rule takes precedence', async () => {
    const group = await request(app).post('/api/admin/sync-rules').send(contactsRule('Sales contacts', { scope: 'group', groupId: 'sales' }));
    await request(app).post('/api/admin/sync-rules').send(contactsRule('Ben only', { scope: 'user', userId: 'ben' }));
    const response = await request(app).post(`/api/admin/sync-rules/${group.body.id}/run-now`);
    expect(response.status).toBe(200);
    expect(response.body.runs).toEqual([{ accountId: accountIds.get('anna'), mailbox: 'anna@example.test', status: 'synced', runId: expect.any(String), message: 'created 0, changed 0, deleted 0' }]);
    const runs = await request(app).get(`/api/admin/mailbox-accounts/${accountIds.get('anna')}/runs`);
    expect(runs.body.map((run: { id: string }) => run.id)).toEqual([response.body.runs[0].runId]);
  });

  it('runs nothing for an inactive rule and answers 404 for an unknown one', async () => {
    const inactive = await request(app).post('/api/admin/sync-rules').send({ ...contactsRule('Paused', { scope: 'all' }), active: false });
    expect((await request(app).post(`/api/admin/sync-rules/${inactive.body.id}/run-now`)).body).toEqual({ runs: [] });
    expect((await request(app).post('/api/admin/sync-rules/nope/run-now')).status).toBe(404);
  });

  it('is for administrators only', async () => {
    expect((await request(app).post('/api/admin/sync-rules/nope/run-now').set('x-test-role', 'user')).status).toBe(403);
  });
});
