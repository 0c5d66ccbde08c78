import type { SyncDataType } from '../../../../shared/admin/sync-rule.schema';
import type { NeutralItem } from '../../exchange/exchange-items';
import type { FolderSyncState, SyncPair, SyncStateStore } from '../sync-state.port';
import type { SqlClient } from './sql-client';
import { bool, instant, instantOrNull, int, json, text, textOrNull, type Row } from './row';

function pairOf(row: Row): SyncPair {
  return {
    accountId: text(row, 'account_id'),
    dataType: text(row, 'data_type') as SyncDataType,
    crmId: text(row, 'crm_id'),
    itemId: textOrNull(row, 'item_id'),
    changeKey: textOrNull(row, 'change_key'),
    folderId: text(row, 'folder_id'),
    ruleId: text(row, 'rule_id'),
    // Written only by savePair from engine values, so the stored shape is ours.
    crmSnapshot: json(row, 'crm_snapshot') as NeutralItem | null,
    exchangeSnapshot: json(row, 'exchange_snapshot') as NeutralItem | null,
    syncedAt: instant(row, 'synced_at'),
  };
}

/** The engine's pairs, cursors and retries in PostgreSQL (embedded or server). */
export function createSqlSyncStateStore(db: SqlClient): SyncStateStore {
  return {
    async findPairByCrmId(accountId, dataType, crmId) {
      const { rows } = await db.query<Row>('SELECT * FROM sync_pairs WHERE account_id = $1 AND data_type = $2 AND crm_id = $3', [accountId, dataType, crmId]);
      return rows[0] ? pairOf(rows[0]) : null;
    },
    async findPairByItemId(accountId, itemId) {
      const { rows } = await db.query<Row>('SELECT * FROM sync_pairs WHERE account_id = $1 AND item_id = $2', [accountId, itemId]);
      return rows[0] ? pairOf(rows[0]) : null;
    },
    async savePair(pair) {
      // An item id can only belong to one pair: a stale row that still claims it is released
      // first. One statement (one round trip, one commit): the insert reads the release's
      // count, which makes PostgreSQL finish the release before inserting.
      await db.query(
        `WITH released AS (
           UPDATE sync_pairs SET item_id = NULL
           WHERE $4::text IS NOT NULL AND account_id = $1 AND item_id = $4 AND NOT (data_type = $2 AND crm_id = $3)
           RETURNING 1)
         INSERT INTO sync_pairs (account_id, data_type, crm_id, item_id, change_key, folder_id, rule_id, crm_snapshot, exchange_snapshot, synced_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM (SELECT count(*) FROM released) AS release_done
         ON CONFLICT (account_id, data_type, crm_id) DO UPDATE SET item_id = EXCLUDED.item_id, change_key = EXCLUDED.change_key,
           folder_id = EXCLUDED.folder_id, rule_id = EXCLUDED.rule_id, crm_snapshot = EXCLUDED.crm_snapshot,
           exchange_snapshot = EXCLUDED.exchange_snapshot, synced_at = EXCLUDED.synced_at`,
        [pair.accountId, pair.dataType, pair.crmId, pair.itemId, pair.changeKey, pair.folderId, pair.ruleId, JSON.stringify(pair.crmSnapshot), JSON.stringify(pair.exchangeSnapshot), pair.syncedAt],
      );
    },
    async deletePair(accountId, dataType, crmId) {
      await db.query('DELETE FROM sync_pairs WHERE account_id = $1 AND data_type = $2 AND crm_id = $3', [accountId, dataType, crmId]);
    },
    async countPairs(accountId) {
      const { rows } = await db.query<Row>('SELECT count(*) AS n FROM sync_pairs WHERE account_id = $1', [accountId]);
      return rows[0] ? int(rows[0], 'n') : 0;
    },
    async listUnfinishedPairs(accountId, dataType) {
      const { rows } = await db.query<Row>('SELECT crm_id FROM sync_pairs WHERE account_id = $1 AND data_type = $2 AND item_id IS NULL ORDER BY crm_id', [accountId, dataType]);
      return rows.map((row) => text(row, 'crm_id'));
    },
    async listPairsSyncedSince(accountId, folderId, since) {
      const { rows } = await db.query<Row>('SELECT * FROM sync_pairs WHERE account_id = $1 AND folder_id = $2 AND synced_at >= $3 AND item_id IS NOT NULL', [accountId, folderId, since]);
      return rows.map(pairOf);
    },
    async getFolderState(accountId, folderId) {
      const { rows } = await db.query<Row>('SELECT * FROM sync_folder_states WHERE account_id = $1 AND folder_id = $2', [accountId, folderId]);
      const row = rows[0];
      return row ? { accountId, folderId, ruleId: text(row, 'rule_id'), cursor: textOrNull(row, 'cursor'), initialDone: bool(row, 'initial_done'), syncedAt: instantOrNull(row, 'synced_at') } : null;
    },
    async saveFolderState(state: FolderSyncState) {
      await db.query(
        `INSERT INTO sync_folder_states (account_id, folder_id, rule_id, cursor, initial_done, synced_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (account_id, folder_id) DO UPDATE SET rule_id = EXCLUDED.rule_id, cursor = EXCLUDED.cursor, initial_done = EXCLUDED.initial_done, synced_at = EXCLUDED.synced_at`,
        [state.accountId, state.folderId, state.ruleId, state.cursor, state.initialDone, state.syncedAt],
      );
    },
    async deleteFolderState(accountId, folderId) {
      await db.query('DELETE FROM sync_folder_states WHERE account_id = $1 AND folder_id = $2', [accountId, folderId]);
    },
    async getJournalCursor(accountId, ruleId) {
      const { rows } = await db.query<Row>('SELECT seq FROM sync_journal_cursors WHERE account_id = $1 AND rule_id = $2', [accountId, ruleId]);
      return rows[0] ? int(rows[0], 'seq') : null;
    },
    async saveJournalCursor(accountId, ruleId, seq) {
      await db.query(
        `INSERT INTO sync_journal_cursors (account_id, rule_id, seq) VALUES ($1, $2, $3)
         ON CONFLICT (account_id, rule_id) DO UPDATE SET seq = EXCLUDED.seq`,
        [accountId, ruleId, seq],
      );
    },
    async listPending(accountId, ruleId) {
      const { rows } = await db.query<Row>('SELECT crm_id FROM sync_pending WHERE account_id = $1 AND rule_id = $2 ORDER BY crm_id', [accountId, ruleId]);
      return rows.map((row) => text(row, 'crm_id'));
    },
    async addPending(accountId, ruleId, crmId) {
      await db.query('INSERT INTO sync_pending (account_id, rule_id, crm_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [accountId, ruleId, crmId]);
    },
    async removePending(accountId, ruleId, crmId) {
      await db.query('DELETE FROM sync_pending WHERE account_id = $1 AND rule_id = $2 AND crm_id = $3', [accountId, ruleId, crmId]);
    },
  };
}
