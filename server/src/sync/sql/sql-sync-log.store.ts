import { randomUUID } from 'node:crypto';
import type { MailboxStatus, MailboxStatusStore } from '../sync-config.port';
import type { RunCounts, SyncLogStore } from '../sync-log.port';
import type { SqlClient } from './sql-client';
import { bool, instantOrNull, int, json, textOrNull, type Row } from './row';

/** B9: runs and their log lines, with retention by age. `node` names the backend that runs them (B6). */
export function createSqlSyncLogStore(db: SqlClient, node: string | null = null): SyncLogStore {
  return {
    async startRun(accountId, startedAt) {
      const id = randomUUID();
      await db.query('INSERT INTO sync_runs (id, account_id, started_at, node) VALUES ($1, $2, $3, $4)', [id, accountId, startedAt, node]);
      return id;
    },
    async append(entries) {
      if (entries.length === 0) return;
      // One statement for the whole batch: a run of thousands of items would otherwise pay a
      // round trip and a commit per log line.
      await db.query(
        `INSERT INTO sync_log (run_id, account_id, at, side, action, data_type, crm_id, item_id, detail)
         SELECT e."runId", e."accountId", e.at, e.side, e.action, e."dataType", e."crmId", e."itemId", coalesce(e.detail, '{}'::jsonb)
         FROM jsonb_to_recordset($1::jsonb) AS e("runId" text, "accountId" text, at timestamptz, side text, action text, "dataType" text, "crmId" text, "itemId" text, detail jsonb)`,
        [JSON.stringify(entries)],
      );
    },
    async finishRun(runId, finishedAt, counts: RunCounts, error) {
      await db.query('UPDATE sync_runs SET finished_at = $2, counts = $3, error = $4 WHERE id = $1', [runId, finishedAt, JSON.stringify(counts), error]);
    },
    async purgeBefore(before) {
      const { rows } = await db.query<Row>('DELETE FROM sync_runs WHERE started_at < $1 RETURNING id', [before]);
      return rows.length;
    },
  };
}

const zeroCounts: RunCounts = { created: 0, changed: 0, deleted: 0, conflicts: 0, failed: 0 };

function statusOf(row: Row): MailboxStatus {
  return {
    accountId: String(row['account_id']),
    lastRunAt: instantOrNull(row, 'last_run_at'),
    lastSuccessAt: instantOrNull(row, 'last_success_at'),
    lastError: textOrNull(row, 'last_error'),
    lastErrorKind: textOrNull(row, 'last_error_kind'),
    nextAttemptAt: instantOrNull(row, 'next_attempt_at'),
    authFailures: int(row, 'auth_failures'),
    consecutiveFailures: int(row, 'consecutive_failures'),
    alert: bool(row, 'alert'),
    counts: { ...zeroCounts, ...(json(row, 'counts') as Partial<RunCounts> | null) },
  };
}

/** B9 status wall rows. */
export function createSqlMailboxStatusStore(db: SqlClient): MailboxStatusStore & { listStatuses(): Promise<MailboxStatus[]> } {
  return {
    async getStatus(accountId) {
      const { rows } = await db.query<Row>('SELECT * FROM mailbox_status WHERE account_id = $1', [accountId]);
      return rows[0] ? statusOf(rows[0]) : null;
    },
    async listStatuses() {
      const { rows } = await db.query<Row>('SELECT * FROM mailbox_status ORDER BY account_id');
      return rows.map(statusOf);
    },
    async saveStatus(status) {
      await db.query(
        `INSERT INTO mailbox_status (account_id, last_run_at, last_success_at, last_error, last_error_kind, next_attempt_at, auth_failures, consecutive_failures, alert, counts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (account_id) DO UPDATE SET last_run_at = EXCLUDED.last_run_at, last_success_at = COALESCE(EXCLUDED.last_success_at, mailbox_status.last_success_at),
           last_error = EXCLUDED.last_error, last_error_kind = EXCLUDED.last_error_kind, next_attempt_at = EXCLUDED.next_attempt_at,
           auth_failures = EXCLUDED.auth_failures, consecutive_failures = EXCLUDED.consecutive_failures, alert = EXCLUDED.alert, counts = EXCLUDED.counts`,
        [status.accountId, status.lastRunAt, status.lastSuccessAt, status.lastError, status.lastErrorKind, status.nextAttemptAt, status.authFailures, status.consecutiveFailures, status.alert, JSON.stringify(status.counts)],
      );
    },
  };
}
