import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrmStore } from '../../../server/src/crm/crm-store';
import type { Database } from '../../../server/src/db/database';
import { migrate } from '../../../server/src/db/migrate';
import { openDatabase } from '../../../server/src/db/open-database';
import { startSyncRuntime, type SyncRuntime } from '../../../server/src/jobs/sync-runtime';
import { SecretBox } from '../../../server/src/secrets/secret-box';
import { buildAdminApp } from '../../sync/support/admin-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await sleep(100);
  }
  return false;
}

// One mailbox and no rules: a run needs no Exchange, so whether runs happen shows the batch alone.
const config = `
servers:
  - name: never-called
    type: on-premises
    ewsUrl: https://127.0.0.1:9/EWS/Exchange.asmx
    auth: { method: basic, username: svc, password: not-used }
accounts:
  - { userId: u-1, mailbox: anna@example.test, server: never-called }
batch: { node: app-1, intervalMinutes: 60 }
`;

describe('B6: a backend node the batch settings do not select', () => {
  let db: Database;
  let runtime: SyncRuntime;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tandem-node-'));
    writeFileSync(join(dir, 'tandem.yaml'), config);
    db = await openDatabase({ dataDir: 'memory://' });
    await migrate(db);
    runtime = await startSyncRuntime({
      db,
      secrets: new SecretBox(Buffer.alloc(32, 7)),
      crm: createCrmStore(db),
      logger: pino({ level: 'silent' }),
      configFile: join(dir, 'tandem.yaml'),
      nodeName: 'app-2',
      tickSeconds: 1,
    });
  });

  afterAll(async () => {
    await runtime.stop();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const runs = async () => (await db.query<{ node: string | null }>('SELECT node FROM sync_runs')).rows;

  it('runs no cycle but reports itself, so the console can offer it', async () => {
    await sleep(2500);
    expect(await runs()).toEqual([]);
    const batch = await request(buildAdminApp(runtime.routes)).get('/api/admin/sync/batch');
    expect(batch.status).toBe(200);
    expect(batch.body.node).toBe('app-1');
    expect(batch.body.status.lastRunAt).toBeNull();
    expect(batch.body.status.nodes.map((node: { name: string }) => node.name)).toEqual(['app-2']);
  });

  it('takes over at its next tick once the admin selects it, and records its name with the runs', async () => {
    const app = buildAdminApp(runtime.routes);
    const current = (await request(app).get('/api/admin/sync/batch')).body as Record<string, unknown>;
    const { status: _status, ...settings } = current;
    const saved = await request(app).put('/api/admin/sync/batch').send({ ...settings, node: 'APP-2' });
    expect(saved.status).toBe(200);
    expect(await until(async () => (await runs()).length > 0, 5000)).toBe(true);
    expect(await runs()).toEqual([{ node: 'app-2' }]);
  });
});
