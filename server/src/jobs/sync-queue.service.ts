import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { z } from 'zod';
import { KeyedLimiter } from './keyed-limiter';
import type { CycleAccount } from './sync-cycle.service';
import type { MailboxRunOutcome } from '../sync/mailbox-sync.service';

export const mailboxSyncQueue = 'tandem-mailbox-sync';

const jobDataSchema = z.object({ accountId: z.string().min(1), serverId: z.string().min(1) });

export interface SyncQueueDeps {
  /** A pg-boss instance on the shared PostgreSQL (or PGlite in embedded mode), already started. */
  readonly boss: PgBoss;
  readonly listActiveAccounts: () => Promise<CycleAccount[]>;
  readonly syncMailbox: (accountId: string, force: boolean) => Promise<MailboxRunOutcome>;
  /** Polling workers in this instance, i.e. mailboxes it syncs at once. */
  readonly workers: number;
  readonly perServerConcurrency: number;
  /**
   * A job whose instance died stays active this long before pg-boss gives it up; the
   * mailbox is then picked up by the next cycle. Longer than the slowest mailbox run.
   */
  readonly expireInSeconds: number;
  readonly pollingIntervalSeconds: number;
  readonly logger: Logger;
}

/**
 * Distributes mailbox runs over every backend instance on one PostgreSQL (C9). The queue
 * is `stately` with the account id as singleton key: at most one queued and one active
 * job per mailbox across all instances, so no mailbox is ever synced twice at once and
 * every instance may enqueue a cycle without creating duplicates.
 */
export function createSyncQueue(deps: SyncQueueDeps) {
  const perServer = new KeyedLimiter(deps.perServerConcurrency);

  async function handle(jobs: PgBoss.Job<object>[]): Promise<void> {
    for (const job of jobs) {
      const data = jobDataSchema.safeParse(job.data);
      if (!data.success) {
        deps.logger.error({ jobId: job.id }, 'mailbox sync job without a valid account; dropped');
        continue;
      }
      const outcome = await perServer.run(data.data.serverId, () => deps.syncMailbox(data.data.accountId, false));
      deps.logger.info({ accountId: data.data.accountId, status: outcome.status }, 'mailbox sync job done');
    }
  }

  async function start(): Promise<void> {
    await deps.boss.createQueue(mailboxSyncQueue, { name: mailboxSyncQueue, policy: 'stately', retryLimit: 0, expireInSeconds: deps.expireInSeconds });
    for (let i = 0; i < deps.workers; i++) {
      await deps.boss.work(mailboxSyncQueue, { batchSize: 1, pollingIntervalSeconds: deps.pollingIntervalSeconds }, handle);
    }
  }

  /** Queues every active mailbox once; returns how many were queued (the rest already wait or run). */
  async function enqueueCycle(): Promise<number> {
    const accounts = await deps.listActiveAccounts();
    let queued = 0;
    for (const account of accounts) {
      const id = await deps.boss.send(mailboxSyncQueue, { accountId: account.accountId, serverId: account.serverId }, { singletonKey: account.accountId });
      if (id) queued += 1;
    }
    return queued;
  }

  async function stop(): Promise<void> {
    await deps.boss.offWork(mailboxSyncQueue);
  }

  return { start, enqueueCycle, stop };
}
