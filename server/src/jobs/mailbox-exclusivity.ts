import type { Database } from '../db/database';
import type { MailboxRunOutcome } from '../sync/mailbox-sync.service';

/** Runs one mailbox's sync, or skips it when that mailbox is being synced elsewhere. */
export type ExclusiveRun = (accountId: string, run: () => Promise<MailboxRunOutcome>) => Promise<MailboxRunOutcome>;

/**
 * First key of the two-key advisory lock: Tandem's mailbox locks, apart from other users
 * of advisory locks. The queue reads it back from pg_locks to tell a live run from a dead one.
 */
export const MAILBOX_LOCK_SPACE = 7_126_415;

/**
 * At most one run per mailbox at a time, whatever started it: the queue (which already
 * keeps one job per mailbox active), "Run now" on the status wall of any node, or a job
 * whose lease expired while its run still goes on. On PostgreSQL a transaction-scoped
 * advisory lock per mailbox is held for the run, on a connection of its own, so a
 * process that dies releases it with its connection. The embedded database has a single
 * process, so an in-process set suffices. Different mailboxes whose ids hash alike would
 * skip each other once; the next cycle runs them.
 */
export function createMailboxExclusivity(db: Database): ExclusiveRun {
  const runningHere = new Set<string>();
  return async (accountId, run) => {
    if (runningHere.has(accountId)) return { status: 'skipped', reason: 'already running in this process' };
    runningHere.add(accountId);
    try {
      if (db.dialect !== 'postgres') return await run();
      return await db.transaction(async (tx) => {
        const { rows } = await tx.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked', [MAILBOX_LOCK_SPACE, accountId]);
        if (rows[0]?.locked !== true) return { status: 'skipped', reason: 'already running on another node' };
        return run();
      });
    } finally {
      runningHere.delete(accountId);
    }
  };
}
