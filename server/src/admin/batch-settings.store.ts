import { batchSettingsInputSchema, type BatchNode, type BatchSettings, type BatchSettingsInput, type BatchStatus } from '../../../shared/admin/batch-settings.schema';
import type { SqlClient } from '../sync/sql/sql-client';
import { bool, instant, instantOrNull, json, text, type Row } from '../sync/sql/row';

/** A node that has not reported for this long is no longer offered in the console. */
const NODE_FRESH_MS = 10 * 60_000;
/** Reports of nodes gone for this long are removed (container host names change on every deploy). */
const NODE_FORGET_MS = 30 * 86_400_000;

/** B6: the single batch process row; absent until first saved, defaults apply meanwhile. */
export function createBatchSettingsStore(db: SqlClient) {
  async function row(): Promise<Row | undefined> {
    return (await db.query<Row>('SELECT * FROM sync_batch_settings WHERE id = 1')).rows[0];
  }
  async function recentNodes(now: Date): Promise<BatchNode[]> {
    const { rows } = await db.query<Row>('SELECT name, last_seen_at FROM sync_nodes WHERE last_seen_at > $1 ORDER BY last_seen_at DESC, name', [
      new Date(now.getTime() - NODE_FRESH_MS).toISOString(),
    ]);
    return rows.map((found) => ({ name: text(found, 'name'), lastSeenAt: instant(found, 'last_seen_at') }));
  }
  return {
    async get(): Promise<BatchSettings> {
      const found = await row();
      return batchSettingsInputSchema.parse(found ? json(found, 'body') : {});
    },
    async save(input: BatchSettingsInput): Promise<BatchSettings> {
      await db.query(
        `INSERT INTO sync_batch_settings (id, body) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body`,
        [JSON.stringify(input)],
      );
      return batchSettingsInputSchema.parse(input);
    },
    async status(now: Date = new Date()): Promise<BatchStatus> {
      const found = await row();
      const settings = batchSettingsInputSchema.parse(found ? json(found, 'body') : {});
      const running = found ? bool(found, 'running') : false;
      return {
        state: running ? 'running' : settings.active ? 'idle' : 'stopped',
        lastRunAt: found ? instantOrNull(found, 'last_run_at') : null,
        nextRunAt: settings.active && found ? instantOrNull(found, 'next_run_at') : null,
        nodes: await recentNodes(now),
      };
    },
    async recordCycle(update: { running: boolean; lastRunAt?: string; nextRunAt?: string | null }): Promise<void> {
      await db.query(
        `INSERT INTO sync_batch_settings (id, body, running, last_run_at, next_run_at) VALUES (1, '{}', $1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET running = $1, last_run_at = COALESCE($2, sync_batch_settings.last_run_at),
           next_run_at = CASE WHEN $4 THEN $3 ELSE sync_batch_settings.next_run_at END`,
        [update.running, update.lastRunAt ?? null, update.nextRunAt ?? null, update.nextRunAt !== undefined],
      );
    },
    /**
     * Starts a cycle when one is due (no next run set, or it has passed), in one statement:
     * of several nodes ticking at the same moment exactly one gets `true` and runs it.
     */
    async claimDueCycle(now: string, nextRunAt: string): Promise<boolean> {
      const { rows } = await db.query<Row>(
        `INSERT INTO sync_batch_settings (id, body, running, last_run_at, next_run_at) VALUES (1, '{}', true, $1, $2)
         ON CONFLICT (id) DO UPDATE SET running = true, last_run_at = $1, next_run_at = $2
           WHERE sync_batch_settings.next_run_at IS NULL OR sync_batch_settings.next_run_at <= $1
         RETURNING id`,
        [now, nextRunAt],
      );
      return rows.length > 0;
    },
    /** A node says it is alive (every batch tick), whether or not the settings select it. */
    async reportNode(name: string, now: Date = new Date()): Promise<void> {
      await db.query(`INSERT INTO sync_nodes (name, last_seen_at) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at`, [name, now.toISOString()]);
      await db.query('DELETE FROM sync_nodes WHERE last_seen_at < $1', [new Date(now.getTime() - NODE_FORGET_MS).toISOString()]);
    },
    recentNodes,
  };
}

export type BatchSettingsStore = ReturnType<typeof createBatchSettingsStore>;
