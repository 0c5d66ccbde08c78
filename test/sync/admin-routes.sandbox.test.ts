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

/** "Discover URL" in the new-server form, against the sandbox's real Autodiscover. */
describe('admin API: Autodiscover with unsaved credentials', () => {
  let sandbox: Sandbox;
  let test: TestDatabase;
  let sync: SyncModule;
  let app: ReturnType<typeof buildAdminApp>;
  // Only the host, as an admin who knows the server but not the EWS path would type it.
  let host: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'none' });
    sandbox.control.addMailbox({ smtpAddress: MAILBOX });
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
