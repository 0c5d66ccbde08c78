import { randomUUID } from 'node:crypto';
import { syncRuleInputSchema, syncRuleSchema, type SyncRule, type SyncRuleInput } from '../../../shared/admin/sync-rule.schema';
import type { SqlClient } from '../sync/sql/sql-client';
import { instant, json, text, type Row } from '../sync/sql/row';

function ruleOf(row: Row): SyncRule {
  // Stored bodies are re-validated, so a rule written by an older version is read with today's defaults.
  const body = syncRuleInputSchema.parse(json(row, 'body'));
  return syncRuleSchema.parse({ ...body, id: text(row, 'id'), createdAt: instant(row, 'created_at'), updatedAt: instant(row, 'updated_at') });
}

/** B5: sync rules; the rule's creation time is its history cutoff (B7), so updates keep it. */
export function createSyncRuleStore(db: SqlClient, now: () => Date) {
  async function findRow(id: string): Promise<Row | undefined> {
    return (await db.query<Row>('SELECT * FROM sync_rules WHERE id = $1', [id])).rows[0];
  }
  return {
    async list(): Promise<SyncRule[]> {
      return (await db.query<Row>('SELECT * FROM sync_rules ORDER BY created_at, id')).rows.map(ruleOf);
    },
    async get(id: string): Promise<SyncRule | null> {
      const row = await findRow(id);
      return row ? ruleOf(row) : null;
    },
    async findIdByDescription(description: string): Promise<string | null> {
      const row = (await db.query<Row>("SELECT id FROM sync_rules WHERE body->>'description' = $1", [description])).rows[0];
      return row ? text(row, 'id') : null;
    },
    async create(input: SyncRuleInput): Promise<SyncRule> {
      const id = randomUUID();
      await db.query('INSERT INTO sync_rules (id, body, created_at, updated_at) VALUES ($1, $2, $3, $3)', [id, JSON.stringify(input), now().toISOString()]);
      return ruleOf((await findRow(id)) ?? {});
    },
    async update(id: string, input: SyncRuleInput): Promise<SyncRule | null> {
      const updated = await db.query<Row>('UPDATE sync_rules SET body = $2, updated_at = $3 WHERE id = $1 RETURNING *', [id, JSON.stringify(input), now().toISOString()]);
      return updated.rows[0] ? ruleOf(updated.rows[0]) : null;
    },
    async remove(id: string): Promise<boolean> {
      return (await db.query<Row>('DELETE FROM sync_rules WHERE id = $1 RETURNING id', [id])).rows.length > 0;
    },
  };
}

export type SyncRuleStore = ReturnType<typeof createSyncRuleStore>;
