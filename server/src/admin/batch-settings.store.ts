import { batchSettingsInputSchema, type BatchSettings, type BatchSettingsInput, type BatchStatus } from '../../../shared/admin/batch-settings.schema';
import type { SqlClient } from '../sync/sql/sql-client';
import { bool, instantOrNull, json, type Row } from '../sync/sql/row';

/** B6: the single batch process row; absent until first saved, defaults apply meanwhile. */
export function createBatchSettingsStore(db: SqlClient) {
  async function row(): Promise<Row | undefined> {
    return (await db.query<Row>('SELECT * FROM sync_batch_settings WHERE id = 1')).rows[0];
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
    async status(): Promise<BatchStatus> {
      const found = await row();
      const settings = batchSettingsInputSchema.parse(found ? json(found, 'body') : {});
      const running = found ? bool(found, 'running') : false;
      return {
        state: running ? 'running' : settings.active ? 'idle' : 'stopped',
        lastRunAt: found ? instantOrNull(found, 'last_run_at') : null,
        nextRunAt: settings.active && found ? instantOrNull(found, 'next_run_at') : null,
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
  };
}

export type BatchSettingsStore = ReturnType<typeof createBatchSettingsStore>;
