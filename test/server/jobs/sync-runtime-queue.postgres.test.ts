import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrmStore } from '../../../server/src/crm/crm-store';
import type { Database } from '../../../server/src/db/database';
import { migrate } from '../../../server/src/db/migrate';
import { openDatabase } from '../../../server/src/db/open-database';
import { quoteIdentifier } from '../../../server/src/db/postgres-database';
import { startSyncRuntime, type SyncRuntime } from '../../../server/src/jobs/sync-runtime';
import { SecretBox } from '../../../server/src/secrets/secret-box';
import { availableBackends, TEST_PG_URL } from '../../support/test-databases';

const backends = await availableBackends();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function adminQuery<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

// One mailbox and no rules: a run needs no Exchange, so runs and jobs show the batch alone.
const config = (node: string) => `
servers:
  - name: never-called
    type: on-premises
    ewsUrl: https://127.0.0.1:9/EWS/Exchange.asmx
    auth: { method: basic, username: svc, password: not-used }
accounts:
  - { userId: u-1, mailbox: anna@example.test, server: never-called }
batch: { node: ${node}, intervalMinutes: 60, logRetentionDays: 30 }
`;

/** The batch process in queue mode (PostgreSQL, pg-boss) on one node, B6 and B9. */
describe.runIf(backends.includes('postgres'))('sync runtime with the job queue on PostgreSQL', () => {
  const suffix = randomBytes(5).toString('hex');
  const schema = `runtime_${suffix}`;
  const queueSchema = `runtime_queue_${suffix}`;
  const url = `${TEST_PG_URL}${TEST_PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${quoteIdentifier(schema)},public`)}`;
  let db: Database;
  let dir: string;
  let runtime: SyncRuntime | undefined;

  async function start(selectedNode: string): Promise<SyncRuntime> {
    writeFileSync(join(dir, 'tandem.yaml'), config(selectedNode));
    runtime = await startSyncRuntime({
      db,
      secrets: new SecretBox(Buffer.alloc(32, 7)),
      crm: createCrmStore(db),
      logger: pino({ level: 'silent' }),
      databaseUrl: url,
      queueSchema,
      configFile: join(dir, 'tandem.yaml'),
      nodeName: 'app-1',
      tickSeconds: 1,
    });
    return runtime;
  }
  const runs = async () => (await db.query<{ node: string | null; started_at: Date }>('SELECT node, started_at FROM sync_runs ORDER BY started_at')).rows;
  const jobs = () => adminQuery<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdentifier(queueSchema)}.job`).then((rows) => Number(rows[0]?.n ?? 0));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tandem-runtime-queue-'));
    await adminQuery(`CREATE SCHEMA ${quoteIdentifier(schema)}`);
    db = await openDatabase({ url: TEST_PG_URL, schema });
    await migrate(db);
  }, 30_000);

  afterAll(async () => {
    await runtime?.stop();
    await db.close();
    await adminQuery(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
    await adminQuery(`DROP SCHEMA IF EXISTS ${quoteIdentifier(queueSchema)} CASCADE`);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('a node the settings do not select queues no cycle and runs nothing', async () => {
    const node = await start('app-2');
    await sleep(3000);
    expect(await runs()).toEqual([]);
    expect(await jobs()).toBe(0);
    expect((await node.module.stores.batch.status()).nodes?.map((seen) => seen.name)).toEqual(['app-1']);
    await node.stop();
    runtime = undefined;
  }, 30_000);

  it('the selected node queues and works the cycle, records its name, and applies the log retention', async () => {
    await db.query(`INSERT INTO sync_runs (id, account_id, started_at, finished_at, node) VALUES ('old-run', 'gone', now() - interval '40 days', now() - interval '40 days', 'app-0')`);
    await start('APP-1');
    const deadline = Date.now() + 20_000;
    const settled = async () => (await runs()).map((run) => run.node).join() === 'app-1';
    while (!(await settled()) && Date.now() < deadline) await sleep(200);
    expect((await runs()).map((run) => run.node)).toEqual(['app-1']);
    expect(await jobs()).toBeGreaterThan(0);
  }, 30_000);
});
