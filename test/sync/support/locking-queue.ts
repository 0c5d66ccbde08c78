import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../../../server/src/db/database';
import { createMailboxExclusivity } from '../../../server/src/jobs/mailbox-exclusivity';
import { createSyncQueue } from '../../../server/src/jobs/sync-queue.service';
import type { MailboxRunOutcome } from '../../../server/src/sync/mailbox-sync.service';

export interface LockingQueueOptions {
  readonly boss: PgBoss;
  readonly db: Database;
  readonly schema: string;
  readonly accounts: string[];
  /** The stand-in sync, run while the mailbox lock is held. */
  readonly run: (accountId: string) => Promise<MailboxRunOutcome>;
  readonly orphanGraceSeconds?: number;
  readonly logger: Logger;
}

/** A backend instance's queue whose runs take the mailbox lock as the product's do (sync-runtime.ts), with its 30-minute expiry. */
export function createLockingQueue(options: LockingQueueOptions) {
  const exclusive = createMailboxExclusivity(options.db);
  return createSyncQueue({
    boss: options.boss,
    listActiveAccounts: async () => options.accounts.map((accountId) => ({ accountId, serverId: 'srv-a' })),
    syncMailbox: (accountId) => exclusive(accountId, () => options.run(accountId)),
    workers: 2,
    perServerConcurrency: 2,
    expireInSeconds: 1800,
    ...(options.orphanGraceSeconds === undefined ? {} : { orphanGraceSeconds: options.orphanGraceSeconds }),
    pollingIntervalSeconds: 0.5,
    logger: options.logger,
    schema: options.schema,
  });
}
