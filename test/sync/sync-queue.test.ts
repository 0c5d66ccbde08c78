import { PGlite } from '@electric-sql/pglite';
import PgBoss from 'pg-boss';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteBossDb } from '../../server/src/jobs/pglite-boss-db';
import { createSyncQueue } from '../../server/src/jobs/sync-queue.service';
import type { MailboxRunOutcome } from '../../server/src/sync/mailbox-sync.service';

const counts = { created: 0, changed: 0, deleted: 0, conflicts: 0, failed: 0 };

describe('sync queue on the embedded database (pg-boss on PGlite)', () => {
  let pg: PGlite;
  const bosses: PgBoss[] = [];

  beforeAll(async () => {
    pg = new PGlite();
    for (let i = 0; i < 2; i++) {
      const boss = new PgBoss({ db: createPgliteBossDb(pg), supervise: false, schedule: false });
      boss.on('error', () => undefined);
      await boss.start();
      bosses.push(boss);
    }
  });

  afterAll(async () => {
    for (const boss of bosses) await boss.stop({ graceful: false, close: false });
    await pg.close();
  });

  it('shares mailboxes between two instances and never runs one mailbox twice at once', async () => {
    const accounts = Array.from({ length: 6 }, (_, i) => ({ accountId: `acc-${i}`, serverId: i % 2 === 0 ? 'srv-a' : 'srv-b' }));
    const active = new Set<string>();
    const runs: Array<{ instance: number; accountId: string }> = [];
    let overlaps = 0;
    const queues = bosses.map((boss, instance) =>
      createSyncQueue({
        boss,
        listActiveAccounts: async () => accounts,
        syncMailbox: async (accountId): Promise<MailboxRunOutcome> => {
          if (active.has(accountId)) overlaps += 1;
          active.add(accountId);
          await new Promise((r) => setTimeout(r, 40));
          active.delete(accountId);
          runs.push({ instance, accountId });
          return { status: 'synced', runId: 'r', counts };
        },
        workers: 2,
        perServerConcurrency: 1,
        expireInSeconds: 60,
        pollingIntervalSeconds: 0.5,
        logger: pino({ level: 'silent' }),
        schema: 'pgboss',
      }),
    );
    for (const queue of queues) await queue.start();
    const queued = [await queues[0]!.enqueueCycle(), await queues[1]!.enqueueCycle()];
    expect(queued[0]).toBe(6);
    expect(queued[1]).toBe(0);
    const deadline = Date.now() + 20_000;
    while (runs.length < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (const queue of queues) await queue.stop();
    expect(new Set(runs.map((run) => run.accountId)).size).toBe(6);
    expect(runs).toHaveLength(6);
    expect(overlaps).toBe(0);
  });

  it('hands a job back instead of running it when the node is no longer selected (B6)', async () => {
    const ran: Array<{ instance: number; accountId: string }> = [];
    const accounts = [{ accountId: 'b6-0', serverId: 'srv-a' }, { accountId: 'b6-1', serverId: 'srv-a' }];
    const queues = bosses.map((boss, instance) =>
      createSyncQueue({
        boss,
        listActiveAccounts: async () => accounts,
        syncMailbox: async (accountId): Promise<MailboxRunOutcome> => {
          ran.push({ instance, accountId });
          return { status: 'synced', runId: 'r', counts };
        },
        workers: 1,
        perServerConcurrency: 1,
        expireInSeconds: 60,
        pollingIntervalSeconds: 0.5,
        // Instance 0 was just dropped by the batch settings; its workers still poll.
        mayWork: () => instance === 1,
        logger: pino({ level: 'silent' }),
        schema: 'pgboss',
      }),
    );
    await queues[0]!.start();
    expect(await queues[0]!.enqueueCycle()).toBe(2);
    await new Promise((r) => setTimeout(r, 2000));
    expect(ran).toEqual([]);
    await queues[0]!.stopWorking();
    await queues[1]!.start();
    const deadline = Date.now() + 20_000;
    while (ran.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await queues[1]!.stop();
    expect(ran.map((run) => run.instance)).toEqual([1, 1]);
    expect(new Set(ran.map((run) => run.accountId))).toEqual(new Set(['b6-0', 'b6-1']));
  });

  it('leaves a mailbox whose run is still going to the next cycle, so the other mailboxes are not held up behind it', async () => {
    const accounts = [{ accountId: 'slow', serverId: 'srv-a' }, { accountId: 'fast', serverId: 'srv-b' }];
    const ran: string[] = [];
    let releaseSlow: () => void = () => undefined;
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve));
    const queue = createSyncQueue({
      boss: bosses[0]!,
      listActiveAccounts: async () => accounts,
      syncMailbox: async (accountId): Promise<MailboxRunOutcome> => {
        ran.push(accountId);
        if (accountId === 'slow') await slowGate;
        return { status: 'synced', runId: 'r', counts };
      },
      workers: 2,
      perServerConcurrency: 1,
      expireInSeconds: 60,
      pollingIntervalSeconds: 0.5,
      logger: pino({ level: 'silent' }),
      schema: 'pgboss',
    });
    await queue.start();
    const waitFor = async (condition: () => boolean) => {
      const deadline = Date.now() + 15_000;
      while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(condition()).toBe(true);
    };
    expect(await queue.enqueueCycle()).toBe(2);
    await waitFor(() => ran.includes('slow') && ran.includes('fast'));
    // The next cycle while "slow" still runs: only "fast" is queued, and it runs again.
    await new Promise((r) => setTimeout(r, 300));
    expect(await queue.enqueueCycle()).toBe(1);
    await waitFor(() => ran.filter((id) => id === 'fast').length === 2);
    expect(ran.filter((id) => id === 'slow')).toHaveLength(1);
    releaseSlow();
    await queue.stop();
  });
});
