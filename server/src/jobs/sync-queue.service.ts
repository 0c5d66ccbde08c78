import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { z } from 'zod';
import { quoteIdentifier } from '../db/postgres-database';
import { KeyedLimiter } from './keyed-limiter';
import { createOrphanedJobReaper } from './orphaned-job-reaper';
import type { CycleAccount } from './sync-cycle.service';
import type { MailboxRunOutcome } from '../sync/mailbox-sync.service';

export const mailboxSyncQueue = 'tandem-mailbox-sync';

const jobDataSchema = z.object({ accountId: z.string().min(1), serverId: z.string().min(1) });
const activeKeysSchema = z.array(z.object({ singleton_key: z.string().nullable() }));

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
   * The backstop for orphanGraceSeconds.
   */
  readonly expireInSeconds: number;
  /**
   * Set only where every run holds its mailbox's advisory lock (PostgreSQL with
   * createMailboxExclusivity): a job active this long while nobody holds that lock is
   * failed by the cycle and its mailbox queued again. Unset, only the expiry frees it.
   */
  readonly orphanGraceSeconds?: number;
  readonly pollingIntervalSeconds: number;
  /**
   * Asked before each job (B6): false when the batch settings no longer select this node.
   * The job is then queued again for a node that is selected instead of being run here.
   */
  readonly mayWork?: () => boolean;
  readonly logger: Logger;
  /** The schema `boss` was started with (pg-boss's default is `pgboss`); the cycle reads its running jobs there. */
  readonly schema: string;
}

/**
 * Distributes mailbox runs over every backend instance on one PostgreSQL (C9). The queue
 * is `stately` with the account id as singleton key: at most one queued and one active
 * job per mailbox across all instances, so no mailbox is ever synced twice at once and
 * every instance may enqueue a cycle without creating duplicates.
 */
export function createSyncQueue(deps: SyncQueueDeps) {
  const perServer = new KeyedLimiter(deps.perServerConcurrency);
  const reaper = deps.orphanGraceSeconds === undefined ? null : createOrphanedJobReaper({ boss: deps.boss, schema: deps.schema, queue: mailboxSyncQueue, graceSeconds: deps.orphanGraceSeconds, logger: deps.logger });
  let working = false;

  async function send(account: CycleAccount): Promise<string | null> {
    return deps.boss.send(mailboxSyncQueue, { accountId: account.accountId, serverId: account.serverId }, { singletonKey: account.accountId });
  }

  async function handle(jobs: PgBoss.Job<object>[]): Promise<void> {
    for (const job of jobs) {
      const data = jobDataSchema.safeParse(job.data);
      if (!data.success) {
        deps.logger.error({ jobId: job.id }, 'mailbox sync job without a valid account; dropped');
        continue;
      }
      if (deps.mayWork && !deps.mayWork()) {
        // Fetched in the moment before this node's workers stopped: hand it back.
        await send(data.data);
        continue;
      }
      const outcome = await perServer.run(data.data.serverId, () => deps.syncMailbox(data.data.accountId, false));
      deps.logger.info({ accountId: data.data.accountId, status: outcome.status }, 'mailbox sync job done');
    }
  }

  /** Creates the queue; needed to send jobs, also on nodes that do not work them. */
  async function prepare(): Promise<void> {
    await deps.boss.createQueue(mailboxSyncQueue, { name: mailboxSyncQueue, policy: 'stately', retryLimit: 0, expireInSeconds: deps.expireInSeconds });
  }

  /** Starts this instance's workers (idempotent). */
  async function startWorking(): Promise<void> {
    if (working) return;
    working = true;
    for (let i = 0; i < deps.workers; i++) {
      await deps.boss.work(mailboxSyncQueue, { batchSize: 1, pollingIntervalSeconds: deps.pollingIntervalSeconds }, handle);
    }
  }

  /** Stops fetching jobs (idempotent); jobs in hand finish. */
  async function stopWorking(): Promise<void> {
    if (!working) return;
    working = false;
    await deps.boss.offWork(mailboxSyncQueue);
  }

  async function start(): Promise<void> {
    await prepare();
    await startWorking();
  }

  /** Mailboxes whose job runs right now, on any instance. */
  async function runningAccounts(): Promise<Set<string>> {
    const schema = quoteIdentifier(deps.schema);
    const { rows } = await deps.boss.getDb().executeSql(`SELECT singleton_key FROM ${schema}.job WHERE name = $1 AND state = 'active'`, [mailboxSyncQueue]);
    return new Set(activeKeysSchema.parse(rows).flatMap((row) => (row.singleton_key ? [row.singleton_key] : [])));
  }

  /**
   * Queues every active mailbox once; returns how many were queued (the rest already wait
   * or run). A mailbox whose run is still going is left to the next cycle: pg-boss always
   * fetches the oldest queued job first, and a queued job whose mailbox is active cannot
   * start, which fails the fetch, so every worker would wait for that one slow mailbox.
   * A job whose instance died is failed first, so its mailbox is queued in this cycle.
   */
  async function enqueueCycle(): Promise<number> {
    const accounts = await deps.listActiveAccounts();
    if (reaper) await reaper.failOrphanedJobs();
    const running = await runningAccounts();
    let queued = 0;
    for (const account of accounts) {
      if (running.has(account.accountId)) continue;
      if (await send(account)) queued += 1;
    }
    return queued;
  }

  return { prepare, start, startWorking, stopWorking, isWorking: () => working, enqueueCycle, stop: stopWorking };
}
