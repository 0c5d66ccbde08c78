import type { z } from 'zod';
import type { mailboxStatusSchema, runNowResultSchema, syncLogEntrySchema, syncRunSchema } from '../../../shared/admin/sync-status.schema';
import type { SyncRule } from '../../../shared/admin/sync-rule.schema';
import type { SyncTransition } from '../sync/error.policy';
import { selectRulesForUser, type RuleSubject } from '../sync/rule-precedence.policy';
import type { MailboxRunOutcome } from '../sync/mailbox-sync.service';
import type { SqlClient } from '../sync/sql/sql-client';
import { bool, instant, instantOrNull, int, json, text, textOrNull, type Row } from '../sync/sql/row';
import { notFound } from '../http/http-error';

type MailboxStatusView = z.infer<typeof mailboxStatusSchema>;
type SyncRunView = z.infer<typeof syncRunSchema>;
type SyncLogView = z.infer<typeof syncLogEntrySchema>;
type RunNowResult = z.infer<typeof runNowResultSchema>;
export type RuleRunResult = RunNowResult & { readonly accountId: string; readonly mailbox: string };

const zero = { created: 0, changed: 0, deleted: 0, conflicts: 0, failed: 0 };

export interface SyncStatusDeps {
  readonly db: SqlClient;
  readonly runMailbox: (accountId: string, force: boolean) => Promise<MailboxRunOutcome>;
  /** "Run now" on a rule asks the same precedence the engine uses which mailboxes the rule governs. */
  readonly listRules: () => Promise<readonly SyncRule[]>;
  readonly userSubject: (userId: string) => Promise<RuleSubject>;
}

/** B9: the status wall, runs and their log, and the wall's buttons (run now, reset and resync). */
export function createSyncStatusService(deps: SyncStatusDeps) {
  const { db } = deps;
  async function requireAccount(accountId: string): Promise<void> {
    const found = await db.query<Row>('SELECT 1 FROM mailbox_accounts WHERE id = $1', [accountId]);
    if (found.rows.length === 0) throw notFound('Mailbox account');
  }

  async function runNow(accountId: string): Promise<RunNowResult> {
    await requireAccount(accountId);
    const outcome = await deps.runMailbox(accountId, true);
    if (outcome.status === 'skipped') return { status: 'skipped', runId: null, message: outcome.reason };
    const message = outcome.status === 'synced' ? `created ${outcome.counts.created}, changed ${outcome.counts.changed}, deleted ${outcome.counts.deleted}` : `failed: ${describeTransition(outcome.transition)}`;
    return { status: outcome.status, runId: outcome.runId, message };
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
    runNow,
    /**
     * B5 "run now" on a rule: every active mailbox whose user the rule governs (a more
     * specific rule for that user hides it, as in the engine) is synced now, together.
     * An inactive rule governs nobody, so it runs nothing.
     */
    async runRule(ruleId: string): Promise<RuleRunResult[]> {
      const rules = await deps.listRules();
      if (!rules.some((rule) => rule.id === ruleId)) throw notFound('Sync rule');
      const { rows } = await db.query<Row>('SELECT id, mailbox, user_id FROM mailbox_accounts WHERE active ORDER BY mailbox');
      const governed: Array<{ accountId: string; mailbox: string }> = [];
      for (const row of rows) {
        const subject = await deps.userSubject(text(row, 'user_id'));
        if (selectRulesForUser(rules, subject).some((rule) => rule.id === ruleId)) governed.push({ accountId: text(row, 'id'), mailbox: text(row, 'mailbox') });
      }
      return Promise.all(governed.map(async (account) => ({ ...account, ...(await runNow(account.accountId)) })));
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

/** What the failed run leads to, in the admin's words (the wall's row has the times and the fix). */
function describeTransition(transition: SyncTransition): string {
  switch (transition.type) {
    case 'auth-retry':
      return `Exchange refused the sign-in (401, failure ${transition.authFailures}); the 401 policy waits before the next try`;
    case 'deactivate':
      return `the account is deactivated: ${transition.reason}`;
    case 'back-off':
      return 'Exchange is busy and asked Tandem to wait';
    case 'retry-later':
      return 'the next try follows later';
    case 'reset-folder':
      return 'a folder\'s sync state was no longer accepted; the next run reads the folder again';
    case 'forget-folder':
      return 'a folder of the rule no longer exists';
  }
}

export type SyncStatusService = ReturnType<typeof createSyncStatusService>;
