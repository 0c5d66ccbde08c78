import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { z } from 'zod';
import { quoteIdentifier } from '../db/postgres-database';
import { MAILBOX_LOCK_SPACE } from './mailbox-exclusivity';

export interface OrphanedJobReaperDeps {
  readonly boss: PgBoss;
  /** The schema `boss` was started with. */
  readonly schema: string;
  readonly queue: string;
  /** How long a job may be active without its mailbox lock before it counts as orphaned. */
  readonly graceSeconds: number;
  readonly logger: Logger;
}

const orphanedJobsSchema = z.array(z.object({ id: z.string(), account_id: z.string(), active_seconds: z.coerce.number() }));

export const orphanedJobReason = 'the instance running this mailbox job is gone: its mailbox lock was released';

/**
 * Fails the active jobs of a queue whose run no longer exists (C9, C11). Every run holds
 * its mailbox's advisory lock on a connection of its own (mailbox-exclusivity.ts), which
 * PostgreSQL releases as soon as that connection goes, so an active job whose lock nobody
 * holds belongs to an instance that died; without this, pg-boss would keep it active until
 * it expires and the cycle would skip the mailbox that long. Two-key advisory locks show in
 * pg_locks as classid = first key, objid = second key as an unsigned oid, objsubid = 2.
 * The grace covers the moment between fetching a job and taking the lock.
 */
export function createOrphanedJobReaper(deps: OrphanedJobReaperDeps) {
  const schema = quoteIdentifier(deps.schema);
  const findOrphaned = `
    SELECT job.id::text AS id, job.singleton_key AS account_id, extract(epoch FROM now() - job.started_on) AS active_seconds
    FROM ${schema}.job AS job
    WHERE job.name = $1 AND job.state = 'active' AND job.singleton_key IS NOT NULL
      AND job.started_on < now() - make_interval(secs => $2)
      AND NOT EXISTS (
        SELECT 1 FROM pg_locks AS lock
        WHERE lock.locktype = 'advisory' AND lock.granted
          AND lock.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND lock.classid = $3::oid AND lock.objid = hashtext(job.singleton_key)::oid AND lock.objsubid = 2
      )`;

  /**
   * Fails every orphaned job (no retry: the cycle queues the mailbox again) and returns the
   * mailboxes freed. A run that released its lock but has not yet marked its job complete
   * may be caught too; the mailbox is then synced once more, which is harmless.
   */
  async function failOrphanedJobs(): Promise<string[]> {
    const { rows } = await deps.boss.getDb().executeSql(findOrphaned, [deps.queue, deps.graceSeconds, MAILBOX_LOCK_SPACE]);
    const orphaned = orphanedJobsSchema.parse(rows);
    for (const job of orphaned) {
      await deps.boss.fail(deps.queue, job.id, { message: orphanedJobReason });
      deps.logger.warn({ jobId: job.id, accountId: job.account_id, activeSeconds: Math.round(job.active_seconds) }, 'orphaned mailbox sync job failed; this cycle queues the mailbox again');
    }
    return orphaned.map((job) => job.account_id);
  }

  return { failOrphanedJobs };
}
