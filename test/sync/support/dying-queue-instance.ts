import PgBoss from 'pg-boss';
import { pino } from 'pino';
import { openDatabase } from '../../../server/src/db/open-database';
import { createLockingQueue } from './locking-queue';

/**
 * A backend instance about to be SIGKILLed (orphaned-jobs.postgres.test.ts): it queues one
 * mailbox, its worker fetches the job and the run takes the mailbox lock as the product's
 * runs do, then hangs. It prints `running <account>` once the lock is held.
 */
async function main(): Promise<void> {
  const url = process.env.QUEUE_TEST_PG_URL ?? '';
  const schema = process.env.QUEUE_TEST_BOSS_SCHEMA ?? '';
  const accountId = process.env.QUEUE_TEST_ACCOUNT ?? '';
  const db = await openDatabase({ url });
  const boss = new PgBoss({ connectionString: url, schema, schedule: false });
  boss.on('error', () => undefined);
  await boss.start();
  const queue = createLockingQueue({
    boss,
    db,
    schema,
    accounts: [accountId],
    run: (id) => {
      process.stdout.write(`running ${id}\n`);
      return new Promise(() => undefined);
    },
    logger: pino({ level: 'silent' }),
  });
  await queue.start();
  await queue.enqueueCycle();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
