import PgBoss from 'pg-boss';
import pg from 'pg';
import { pino } from 'pino';
import { createSyncQueue } from '../../../server/src/jobs/sync-queue.service';

/**
 * One backend instance for the queue-only two-process test (the full product runs in
 * two-instances-full.postgres.test.ts): pg-boss on the shared PostgreSQL, a
 * mailbox "sync" that records when it ran, and a cycle queued every second.
 */
async function main(): Promise<void> {
  const url = process.env.QUEUE_TEST_PG_URL ?? '';
  const schema = process.env.QUEUE_TEST_BOSS_SCHEMA ?? '';
  const table = process.env.QUEUE_TEST_RUNS_TABLE ?? '';
  const accounts = (process.env.QUEUE_TEST_ACCOUNTS ?? '').split(',').map((accountId, i) => ({ accountId, serverId: `srv-${i % 2}` }));
  const runForMs = Number(process.env.QUEUE_TEST_RUN_MS ?? 8000);
  // A pool: several workers record at once, and one pg.Client must not run queries concurrently.
  const client = new pg.Pool({ connectionString: url, max: 3 });
  const boss = new PgBoss({ connectionString: url, schema, schedule: false, supervise: true });
  boss.on('error', () => undefined);
  await boss.start();
  const queue = createSyncQueue({
    boss,
    listActiveAccounts: async () => accounts,
    syncMailbox: async (accountId) => {
      const started = new Date();
      await new Promise((resolve) => setTimeout(resolve, 150));
      await client.query(`INSERT INTO ${table} (account, pid, started, finished) VALUES ($1, $2, $3, $4)`, [accountId, process.pid, started, new Date()]);
      return { status: 'synced', runId: 'r', counts: { created: 0, changed: 0, deleted: 0, conflicts: 0, failed: 0 } };
    },
    workers: 3,
    perServerConcurrency: 2,
    expireInSeconds: 60,
    pollingIntervalSeconds: 0.5,
    logger: pino({ level: 'silent' }),
    schema,
  });
  await queue.start();
  const until = Date.now() + runForMs;
  while (Date.now() < until) {
    await queue.enqueueCycle();
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  await queue.stop();
  await boss.stop({ graceful: true, close: true });
  await client.end();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
