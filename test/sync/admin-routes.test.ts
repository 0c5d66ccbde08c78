import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/src/db/migrate';
import { createSyncModule, type SyncModule } from '../../server/src/sync/sync-module';
import { openTestDatabase, type TestDatabase } from '../support/test-databases';
import { buildAdminApp } from './support/admin-app';
import { FakeCrm } from './support/fake-crm.port';
import { FakeExchange } from './support/fake-exchange.gateway';
import { fakeSealer } from './support/fake-sealer';

const server = {
  name: 'On-prem',
  type: 'on-premises',
  ewsUrl: 'https://mail.example.test/EWS/Exchange.asmx',
  version: 'Exchange2016',
  auth: { method: 'basic', username: 'svc-tandem', password: 'Pa55word!' },
};

const rule = {
  description: 'Contacts for everyone',
  validity: { scope: 'all' },
  dataType: 'contacts',
  master: 'crm',
  crmToExchange: { create: true, change: true, delete: true, overwrite: false },
  exchangeToCrm: { create: true, change: true, delete: false, overwrite: false },
  folders: [{ kind: 'well-known', name: 'contacts' }],
};

describe('admin API for the sync configuration', () => {
  let test: TestDatabase;
  let sync: SyncModule;
  let app: ReturnType<typeof buildAdminApp>;
  const exchange = new FakeExchange();

  beforeAll(async () => {
    test = await openTestDatabase('pglite');
    await migrate(test.db);
    sync = createSyncModule({ db: test.db, sealer: fakeSealer, crm: new FakeCrm(), logger: pino({ level: 'silent' }), gatewayFor: () => exchange });
    app = buildAdminApp(sync.routes);
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('refuses every admin route to a plain user', async () => {
    const response = await request(app).get('/api/admin/exchange-servers').set('x-test-role', 'user');
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden');
  });

  it('stores a server secret sealed, never returns it, and keeps it when an update omits it', async () => {
    const created = await request(app).post('/api/admin/exchange-servers').send(server);
    expect(created.status).toBe(201);
    expect(created.body.auth).toEqual({ method: 'basic', username: 'svc-tandem', passwordSet: true });
    expect(JSON.stringify(created.body)).not.toContain('Pa55word!');
    const { rows } = await test.db.query<{ auth_secret_sealed: string }>('SELECT auth_secret_sealed FROM exchange_servers WHERE id = $1', [created.body.id]);
    expect(rows[0]?.auth_secret_sealed).not.toContain('Pa55word!');
    const updated = await request(app)
      .put(`/api/admin/exchange-servers/${created.body.id}`)
      .send({ ...server, description: 'renamed', auth: { method: 'basic', username: 'svc-tandem' } });
    expect(updated.status).toBe(200);
    expect((await sync.stores.servers.connection(created.body.id))?.auth).toEqual({ method: 'basic', username: 'svc-tandem', password: 'Pa55word!' });
  });

  it('asks for the secret when a server is created without one or switches its auth method', async () => {
    const missing = await request(app).post('/api/admin/exchange-servers').send({ ...server, name: 'No secret', auth: { method: 'basic', username: 'x' } });
    expect(missing.status).toBe(400);
    const created = await request(app).post('/api/admin/exchange-servers').send({ ...server, name: 'Switcher' });
    const switched = await request(app)
      .put(`/api/admin/exchange-servers/${created.body.id}`)
      .send({ ...server, name: 'Switcher', auth: { method: 'oauth2', tenantId: 't', clientId: 'c' } });
    expect(switched.status).toBe(400);
    expect(switched.body.error.fields).toEqual([{ path: 'auth', message: 'client secret or password is required' }]);
  });

  it('validates accounts against existing servers and refuses a second account for one mailbox', async () => {
    const unknown = await request(app).post('/api/admin/mailbox-accounts').send({ userId: 'anna', mailbox: 'anna@example.test', serverId: 'nope' });
    expect(unknown.status).toBe(400);
    const srv = await request(app).post('/api/admin/exchange-servers').send({ ...server, name: 'For accounts' });
    const first = await request(app).post('/api/admin/mailbox-accounts').send({ userId: 'anna', mailbox: 'Anna@Example.test', serverId: srv.body.id });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ mailbox: 'anna@example.test', active: true, authOverride: null, deactivatedReason: null });
    const second = await request(app).post('/api/admin/mailbox-accounts').send({ userId: 'ben', mailbox: 'anna@example.test', serverId: srv.body.id });
    expect(second.status).toBe(409);
  });

  it('lists the mailbox folder tree from Exchange for picking rule folders', async () => {
    const srv = await request(app).post('/api/admin/exchange-servers').send({ ...server, name: 'Folders' });
    const account = await request(app).post('/api/admin/mailbox-accounts').send({ userId: 'carl', mailbox: 'carl@example.test', serverId: srv.body.id });
    exchange.addMailbox('carl@example.test');
    const folders = await request(app).get(`/api/admin/mailbox-accounts/${account.body.id}/folders`);
    expect(folders.status).toBe(200);
    expect(folders.body.map((folder: { wellKnownName: string }) => folder.wellKnownName)).toEqual(['contacts', 'calendar', 'tasks', 'deleteditems']);
  });

  it('creates, lists, replaces and deletes sync rules, refusing invalid ones with field errors', async () => {
    const invalid = await request(app).post('/api/admin/sync-rules').send({ ...rule, master: 'both' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields.map((field: { path: string }) => field.path)).toContain('master');
    const created = await request(app).post('/api/admin/sync-rules').send(rule);
    expect(created.status).toBe(201);
    expect(created.body.options.initialImportSince).toBeNull();
    const replaced = await request(app).put(`/api/admin/sync-rules/${created.body.id}`).send({ ...rule, master: 'exchange' });
    expect(replaced.body).toMatchObject({ master: 'exchange', createdAt: created.body.createdAt });
    expect((await request(app).get('/api/admin/sync-rules')).body).toHaveLength(1);
    expect((await request(app).delete(`/api/admin/sync-rules/${created.body.id}`)).status).toBe(204);
    expect((await request(app).delete(`/api/admin/sync-rules/${created.body.id}`)).status).toBe(404);
  });

  it('reads default batch settings and saves new ones with a per-account 401 policy override kept apart', async () => {
    const defaults = await request(app).get('/api/admin/sync/batch');
    expect(defaults.body).toMatchObject({ intervalMinutes: 15, active: true, status: { state: 'idle', lastRunAt: null } });
    const saved = await request(app).put('/api/admin/sync/batch').send({ intervalMinutes: 5, active: false, authFailurePolicy: { mode: 'immediate' } });
    expect(saved.body).toMatchObject({ intervalMinutes: 5, authFailurePolicy: { mode: 'immediate' }, status: { state: 'stopped' } });
  });

  it('shows every account on the status wall', async () => {
    const wall = await request(app).get('/api/admin/sync/status');
    expect(wall.status).toBe(200);
    expect(wall.body.map((row: { mailbox: string }) => row.mailbox)).toEqual(expect.arrayContaining(['anna@example.test', 'carl@example.test']));
  });
});
