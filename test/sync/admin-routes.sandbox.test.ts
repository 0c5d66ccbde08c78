import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { migrate } from '../../server/src/db/migrate';
import { createSyncModule, type SyncModule } from '../../server/src/sync/sync-module';
import { openTestDatabase, type TestDatabase } from '../support/test-databases';
import { buildAdminApp } from './support/admin-app';
import { FakeCrm } from './support/fake-crm.port';
import { fakeSealer } from './support/fake-sealer';

const MAILBOX = 'erika.muster@contoso.example';
const NOT_GRANTED = 'otto.normal@contoso.example';

/** Admin routes that talk to Exchange for real (Autodiscover, an impersonated call), against the sandbox. */
describe('admin API against the Exchange sandbox', () => {
  let sandbox: Sandbox;
  let test: TestDatabase;
  let sync: SyncModule;
  let app: ReturnType<typeof buildAdminApp>;
  // Only the host, as an admin who knows the server but not the EWS path would type it.
  let host: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'none' });
    sandbox.control.addMailbox({ smtpAddress: MAILBOX });
    sandbox.control.grantImpersonation(MAILBOX);
    sandbox.control.addMailbox({ smtpAddress: NOT_GRANTED });
    host = new URL(sandbox.ewsUrl).origin;
    test = await openTestDatabase('pglite');
    await migrate(test.db);
    sync = createSyncModule({ db: test.db, sealer: fakeSealer, crm: new FakeCrm(), logger: pino({ level: 'silent' }), caCertPem: sandbox.caCertPem });
    app = buildAdminApp(sync.routes);
  });
  afterAll(async () => {
    await test?.dispose();
    await sandbox?.close();
  });

  describe('Discover URL with unsaved credentials (the new-server form)', () => {
    const draft = (password: string) => ({ email: MAILBOX, ewsUrl: host, alternativeLoginName: null, auth: { method: 'basic', username: sandbox.basic.user, password } });

    it('finds the EWS URL on the host typed so far and stores nothing', async () => {
      const response = await request(app).post('/api/admin/exchange-servers/discover-url').send(draft(sandbox.basic.password));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ewsUrl: sandbox.ewsUrl, message: `Autodiscover found ${sandbox.ewsUrl} for ${MAILBOX}.` });
      expect(await sync.stores.servers.list()).toEqual([]);
    });

    it('says the sign-in was refused when the typed host answers 401, without asking further hosts', async () => {
      const response = await request(app).post('/api/admin/exchange-servers/discover-url').send(draft('wrong-password'));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ewsUrl: null, message: `${host} refused the sign-in (HTTP 401) for Autodiscover: check the credentials.` });
    });

    it('asks for the secret, since there is no stored one to fall back to', async () => {
      const response = await request(app)
        .post('/api/admin/exchange-servers/discover-url')
        .send({ email: MAILBOX, ewsUrl: host, auth: { method: 'basic', username: sandbox.basic.user } });
      expect(response.status).toBe(400);
      expect(response.body.error.fields.map((f: { path: string }) => f.path)).toContain('auth.password');
    });

    it('is for administrators only', async () => {
      const response = await request(app).post('/api/admin/exchange-servers/discover-url').set('x-test-role', 'user').send(draft(sandbox.basic.password));
      expect(response.status).toBe(403);
    });
  });

  describe('Test & enable a mailbox account', () => {
    let serverId: string;
    const inactiveAccount = async (mailbox: string) =>
      (await request(app).post('/api/admin/mailbox-accounts').send({ userId: mailbox, mailbox, serverId, active: false })).body as { id: string };

    beforeAll(async () => {
      const server = await request(app)
        .post('/api/admin/exchange-servers')
        .send({ name: 'Sandbox', type: 'on-premises', ewsUrl: sandbox.ewsUrl, auth: { method: 'basic', username: sandbox.basic.user, password: sandbox.basic.password } });
      serverId = server.body.id;
    });

    it('activates the account when the impersonated call in its mailbox works', async () => {
      const account = await inactiveAccount(MAILBOX);
      const response = await request(app).post(`/api/admin/mailbox-accounts/${account.id}/test-and-enable`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ ok: true, errorKind: null, account: { id: account.id, active: true, deactivatedReason: null } });
      expect((await sync.stores.accounts.get(account.id))?.active).toBe(true);
    });

    it('leaves the account inactive and names the problem when the service account may not act for the mailbox', async () => {
      const account = await inactiveAccount(NOT_GRANTED);
      const response = await request(app).post(`/api/admin/mailbox-accounts/${account.id}/test-and-enable`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ ok: false, errorKind: 'impersonation', account: { active: false } });
      expect((await sync.stores.accounts.get(account.id))?.active).toBe(false);
    });

    it('answers 404 for an unknown account', async () => {
      expect((await request(app).post('/api/admin/mailbox-accounts/nope/test-and-enable')).status).toBe(404);
    });
  });
});
