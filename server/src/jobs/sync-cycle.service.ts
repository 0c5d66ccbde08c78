import type { MailboxRunOutcome } from '../sync/mailbox-sync.service';
import { KeyedLimiter, mapWithConcurrency } from './keyed-limiter';

export interface CycleAccount {
  readonly accountId: string;
  readonly serverId: string;
}

export interface SyncCycleDeps {
  readonly listActiveAccounts: () => Promise<CycleAccount[]>;
  readonly syncMailbox: (accountId: string, force: boolean) => Promise<MailboxRunOutcome>;
  /** Mailboxes in flight in this process. */
  readonly concurrency: number;
  /** Mailboxes in flight per Exchange server in this process. */
  readonly perServerConcurrency: number;
}

export interface CycleSummary {
  readonly mailboxes: number;
  readonly synced: number;
  readonly failed: number;
  readonly skipped: number;
  readonly created: number;
  readonly changed: number;
  readonly deleted: number;
  readonly conflicts: number;
  readonly failedItems: number;
  readonly outcomes: ReadonlyArray<{ readonly accountId: string; readonly outcome: MailboxRunOutcome }>;
}

export function summarizeCycle(outcomes: CycleSummary['outcomes']): CycleSummary {
  const sum = (pick: (counts: { created: number; changed: number; deleted: number; conflicts: number; failed: number }) => number): number =>
    outcomes.reduce((total, { outcome }) => total + (outcome.status === 'skipped' ? 0 : pick(outcome.counts)), 0);
  return {
    mailboxes: outcomes.length,
    synced: outcomes.filter(({ outcome }) => outcome.status === 'synced').length,
    failed: outcomes.filter(({ outcome }) => outcome.status === 'failed').length,
    skipped: outcomes.filter(({ outcome }) => outcome.status === 'skipped').length,
    created: sum((c) => c.created),
    changed: sum((c) => c.changed),
    deleted: sum((c) => c.deleted),
    conflicts: sum((c) => c.conflicts),
    failedItems: sum((c) => c.failed),
    outcomes,
  };
}

/**
 * One cycle over every active mailbox in this process (embedded mode and the CLI's
 * `--once`), bounded overall and per server. Instances sharing a PostgreSQL server use
 * the queue instead, which adds cross-instance exclusivity.
 */
export function createSyncCycle(deps: SyncCycleDeps) {
  const perServer = new KeyedLimiter(deps.perServerConcurrency);
  async function runCycle(force = false): Promise<CycleSummary> {
    const accounts = await deps.listActiveAccounts();
    const outcomes = await mapWithConcurrency(accounts, deps.concurrency, async (account) => ({
      accountId: account.accountId,
      outcome: await perServer.run(account.serverId, () => deps.syncMailbox(account.accountId, force)),
    }));
    return summarizeCycle(outcomes);
  }
  return { runCycle };
}
