import type { Database } from '../db/database';
import type { ChangeOperation, CrmChange, CrmEntityType } from '../../../shared/crm/change.schema';
import { isoInstantSql } from './sql-format';

// Serialises journal appends until commit: without it a transaction that took seq 11
// could commit before one holding seq 10, and a reader at 11 would skip 10 for good.
const JOURNAL_LOCK_KEY = 7_126_414;

export interface ChangeEntry {
  readonly entityType: CrmEntityType;
  readonly entityId: string;
  readonly operation: ChangeOperation;
  readonly version: number;
  readonly origin: string;
}

/** Must run inside the transaction of the change it records. */
export async function appendChange(tx: Database, entry: ChangeEntry): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [JOURNAL_LOCK_KEY]);
  await tx.query('INSERT INTO crm_changes (entity_type, entity_id, operation, version, origin) VALUES ($1, $2, $3, $4, $5)', [
    entry.entityType,
    entry.entityId,
    entry.operation,
    entry.version,
    entry.origin,
  ]);
}

export async function readChanges(
  db: Database,
  afterSeq: number,
  limit: number,
  types?: readonly CrmEntityType[],
): Promise<CrmChange[]> {
  const filterTypes = types && types.length > 0;
  const { rows } = await db.query<CrmChange>(
    `SELECT seq::float8 AS "seq", entity_type AS "entityType", entity_id::text AS "entityId", operation, version,
            origin, ${isoInstantSql('at')} AS "at"
       FROM crm_changes
      WHERE seq > $1 ${filterTypes ? 'AND entity_type = ANY($3::text[])' : ''}
      ORDER BY seq LIMIT $2`,
    filterTypes ? [afterSeq, limit, types] : [afterSeq, limit],
  );
  return rows;
}

export async function readHeadSeq(db: Database): Promise<number> {
  const { rows } = await db.query<{ seq: number }>('SELECT COALESCE(max(seq), 0)::float8 AS seq FROM crm_changes');
  return rows[0]?.seq ?? 0;
}
