import type { z } from 'zod';
import type { mailboxStatusSchema, runNowResultSchema, syncLogEntrySchema, syncRunSchema } from '../../../shared/admin/sync-status.schema';
import type { MailboxRunOutcome } from '../sync/mailbox-sync.service';
import type { SqlClient } from '../sync/sql/sql-client';
import { bool, instant, instantOrNull, int, json, text, textOrNull, type Row } from '../sync/sql/row';
import { notFound } from '../http/http-error';

type MailboxStatusView = z.infer<typeof mailboxStatusSchema>;
type SyncRunView = z.infer<typeof syncRunSchema>;
type SyncLogView = z.infer<typeof syncLogEntrySchema>;
type RunNowResult = z.infer<typeof runNowResultSchema>;

const zero = { created: 0, changed: 0, deleted: 0, conflicts: 0, failed: 0 };

export interface SyncStatusDeps {
  readonly db: SqlClient;
  readonly runMailbox: (accountId: string, force: boolean) => Promise<MailboxRunOutcome>;
}

/** B9: the status wall, runs and their log, and the wall's buttons (run now, reset and resync). */
export function createSyncStatusService(deps: SyncStatusDeps) {
  const { db } = deps;
  async function requireAccount(accountId: string): Promise<void> {
    const found = await db.query<Row>('SELECT 1 FROM mailbox_accounts WHERE id = $1', [accountId]);
    if (found.rows.length === 0) throw notFound('Mailbox account');
  }

  return {
    async listStatuses(): Promise<MailboxStatusView[]> {
      const { rows } = await db.query<Row>(
        `SELECT a.id AS account_id, a.mailbox, a.active, a.deactivated_reason, s.last_run_at, s.last_success_at, s.last_error, s.last_error_kind,
                s.next_attempt_at, COALESCE(s.alert, false) AS alert, s.counts
           FROM mailbox_accounts a LEFT JOIN mailbox_status s ON s.account_id = a.id ORDER BY a.mailbox`,
      );
      return rows.map((row) => ({
        accountId: text(row, 'account_id'),
        mailbox: text(row, 'mailbox'),
        active: bool(row, 'active'),
        deactivatedReason: textOrNull(row, 'deactivated_reason'),
        lastRunAt: instantOrNull(row, 'last_run_at'),
        lastSuccessAt: instantOrNull(row, 'last_success_at'),
        lastError: textOrNull(row, 'last_error'),
        lastErrorKind: textOrNull(row, 'last_error_kind'),
        nextAttemptAt: instantOrNull(row, 'next_attempt_at'),
        alert: bool(row, 'alert'),
        counts: { ...zero, ...(json(row, 'counts') as Partial<typeof zero> | null) },
      }));
    },
    async listRuns(accountId: string, limit: number): Promise<SyncRunView[]> {
      await requireAccount(accountId);
      const { rows } = await db.query<Row>('SELECT * FROM sync_runs WHERE account_id = $1 ORDER BY started_at DESC LIMIT $2', [accountId, limit]);
      return rows.map((row) => ({
        id: text(row, 'id'),
        accountId,
        startedAt: instant(row, 'started_at'),
        finishedAt: instantOrNull(row, 'finished_at'),
        counts: (json(row, 'counts') as typeof zero | null) ?? null,
        error: textOrNull(row, 'error'),
      }));
    },
    async listLog(runId: string): Promise<SyncLogView[]> {
      const { rows } = await db.query<Row>('SELECT * FROM sync_log WHERE run_id = $1 ORDER BY id', [runId]);
      return rows.map((row) => ({
        at: instant(row, 'at'),
        side: text(row, 'side') as SyncLogView['side'],
        action: text(row, 'action'),
        dataType: textOrNull(row, 'data_type'),
        crmId: textOrNull(row, 'crm_id'),
        itemId: textOrNull(row, 'item_id'),
        detail: (json(row, 'detail') as Record<string, unknown> | null) ?? {},
      }));
    },
    async runNow(accountId: string): Promise<RunNowResult> {
      await requireAccount(accountId);
      const outcome = await deps.runMailbox(accountId, true);
      if (outcome.status === 'skipped') return { status: 'skipped', runId: null, message: outcome.reason };
      const message = outcome.status === 'synced' ? `created ${outcome.counts.created}, changed ${outcome.counts.changed}, deleted ${outcome.counts.deleted}` : `failed: ${outcome.transition.type}`;
      return { status: outcome.status, runId: outcome.runId, message };
    },
    /**
     * "Reset and resync": forget every folder's sync state and the journal cursors, keep
     * the pairs, so the next run re-reads everything and matches it without duplicates.
     */
    async resetAndResync(accountId: string): Promise<{ foldersReset: number }> {
      await requireAccount(accountId);
      const { rows } = await db.query<Row>('DELETE FROM sync_folder_states WHERE account_id = $1 RETURNING folder_id', [accountId]);
      await db.query('DELETE FROM sync_journal_cursors WHERE account_id = $1', [accountId]);
      await db.query('UPDATE mailbox_status SET next_attempt_at = NULL, consecutive_failures = 0, alert = false WHERE account_id = $1', [accountId]);
      return { foldersReset: rows.length };
    },
    async countPairs(accountId: string): Promise<number> {
      const { rows } = await db.query<Row>('SELECT count(*)::int AS n FROM sync_pairs WHERE account_id = $1', [accountId]);
      return rows[0] ? int(rows[0], 'n') : 0;
    },
  };
}

export type SyncStatusService = ReturnType<typeof createSyncStatusService>;
