import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database';
import { openDatabase } from '../../server/src/db/open-database';
import { orphanedJobReason } from '../../server/src/jobs/orphaned-job-reaper';
import { mailboxSyncQueue } from '../../server/src/jobs/sync-queue.service';
import type { MailboxRunOutcome } from '../../server/src/sync/mailbox-sync.service';
import { availableBackends, TEST_PG_URL } from '../support/test-databases';
import { createLockingQueue } from './support/locking-queue';

const backends = await availableBackends();

const GRACE_SECONDS = 4;
const synced: MailboxRunOutcome = { status: 'synced', runId: 'r', counts: { created: 0, changed: 0, deleted: 0, conflicts: 0, failed: 0 } };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition()) && Date.now() < deadline) await sleep(100);
  expect(await condition()).toBe(true);
}

/** Starts the instance that will die; resolves once its run holds the mailbox lock. */
function startDyingInstance(env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/sync/support/dying-queue-instance.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`running ${env.QUEUE_TEST_ACCOUNT}`)) resolve(child);
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`dying instance exited early (${code})`)));
  });
}

describe.runIf(backends.includes('postgres'))('a mailbox job whose instance died (C9, C11)', () => {
  const bossSchema = `boss_orphan_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  const bosses: PgBoss[] = [];
  let db: Database;

  async function startBoss(): Promise<PgBoss> {
    const boss = new PgBoss({ connectionString: TEST_PG_URL, schema: bossSchema, schedule: false });
    boss.on('error', () => undefined);
    await boss.start();
    bosses.push(boss);
    return boss;
  }

  function instance(boss: PgBoss, run: (accountId: string) => Promise<MailboxRunOutcome>, accounts: string[], logLines: string[] = []) {
    const logger = pino({ level: 'warn' }, { write: (line: string) => void logLines.push(line) });
    return createLockingQueue({ boss, db, schema: bossSchema, accounts, run, orphanGraceSeconds: GRACE_SECONDS, logger });
  }

  async function jobsOf(accountId: string): Promise<Array<{ id: string; state: string; output: { message?: string } | null }>> {
    const { rows } = await admin.query<{ id: string; state: string; output: { message?: string } | null }>(
      `SELECT id::text, state::text, output FROM ${bossSchema}.job WHERE name = $1 AND singleton_key = $2 ORDER BY created_on`,
      [mailboxSyncQueue, accountId],
    );
    return rows;
  }

  beforeAll(async () => {
    await admin.connect();
    db = await openDatabase({ url: TEST_PG_URL });
  });

  afterAll(async () => {
    for (const boss of bosses) await boss.stop({ graceful: false, close: true });
    await db?.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${bossSchema} CASCADE`);
    await admin.end();
  });

  it('fails the job of a killed instance once its grace is over and syncs the mailbox at the next cycle', async () => {
    const accountId = 'acc-killed';
    const boss = await startBoss();
    const ran: string[] = [];
    const logLines: string[] = [];
    const survivor = instance(boss, async (id) => (ran.push(id), synced), [accountId], logLines);
    await survivor.prepare();

    const dying = await startDyingInstance({ QUEUE_TEST_PG_URL: TEST_PG_URL, QUEUE_TEST_BOSS_SCHEMA: bossSchema, QUEUE_TEST_ACCOUNT: accountId });
    const exited = new Promise((resolve) => dying.once('exit', resolve));
    dying.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();
    const [orphan] = await jobsOf(accountId);
    expect(orphan?.state).toBe('active');

    // Within the grace the job might still be about to take its lock: left alone.
    expect(await survivor.enqueueCycle()).toBe(0);
    await survivor.startWorking();
    try {
      await sleep(GRACE_SECONDS * 1000 + 500);

      expect(await survivor.enqueueCycle()).toBe(1);
      await waitFor(() => ran.includes(accountId), 15_000);
      expect(Date.now() - killedAt).toBeLessThan(30_000);
      const jobs = await jobsOf(accountId);
      expect(jobs.find((job) => job.id === orphan?.id)).toMatchObject({ state: 'failed', output: { message: orphanedJobReason } });
      await waitFor(async () => (await jobsOf(accountId)).some((job) => job.id !== orphan?.id && job.state === 'completed'), 5_000);
      expect(logLines.some((line) => line.includes('orphaned mailbox sync job failed') && line.includes(accountId))).toBe(true);
    } finally {
      // Its workers would otherwise take the next test's jobs.
      await survivor.stopWorking();
    }
  }, 60_000);

  it('never touches the job of a run that still holds its mailbox lock, however long it runs', async () => {
    // hashtext of this id is negative: pg_locks shows it as an unsigned oid.
    const accountId = 'acc-neg-1';
    expect((await admin.query<{ hash: number }>('SELECT hashtext($1) AS hash', [accountId])).rows[0]?.hash).toBeLessThan(0);
    const [workingBoss, otherBoss] = [await startBoss(), await startBoss()];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const ran: string[] = [];
    const working = instance(workingBoss, async (id) => (ran.push(id), await gate, synced), [accountId]);
    const other = instance(otherBoss, async (id) => (ran.push(id), synced), [accountId]);
    await working.start();
    expect(await working.enqueueCycle()).toBe(1);
    await waitFor(() => ran.length === 1, 15_000);
    const [job] = await jobsOf(accountId);

    await other.start();
    try {
      const until = Date.now() + (GRACE_SECONDS + 3) * 1000;
      while (Date.now() < until) {
        expect(await other.enqueueCycle()).toBe(0);
        await sleep(1000);
      }
      expect(await jobsOf(accountId)).toEqual([expect.objectContaining({ id: job?.id, state: 'active' })]);
      expect(ran).toEqual([accountId]);

      release();
      await waitFor(async () => (await jobsOf(accountId))[0]?.state === 'completed', 10_000);
    } finally {
      release();
      await working.stop();
      await other.stop();
    }
  }, 60_000);
});
