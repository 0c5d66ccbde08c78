import type { z } from 'zod';
import type { Database } from '../db/database';
import type { CrmEntityType } from '../../../shared/crm/change.schema';
import type { Page } from '../../../shared/crm/common.schema';
import { CrmNotFoundError, CrmVersionConflictError } from './crm-errors';
import { appendChange } from './journal.store';
import { decodeCursor, encodeCursor } from './paging';
import { isoDateSql, isoInstantSql } from './sql-format';
import { viewerParams, type Viewer, type WriteContext } from './viewer';

export type ColumnKind = 'plain' | 'json' | 'date' | 'instant' | 'numeric';

export interface ColumnDef {
  /** Property name in the API record. */
  readonly field: string;
  readonly column: string;
  readonly kind?: ColumnKind;
}

/**
 * One CRM table described as data: the generic create/update/delete/get/list below do
 * the SQL, journal and optimistic concurrency once for every record type. Child tables
 * (domains, e-mail addresses, group grants) are read through `extraSelect` and written
 * through `writeChildren`.
 */
export interface RecordTable<T, C extends object, P extends object> {
  readonly entityType: CrmEntityType;
  readonly label: string;
  readonly table: string;
  readonly columns: readonly ColumnDef[];
  /** Extra `expr AS "field"` select items over alias `r`. */
  readonly extraSelect?: readonly string[];
  /** SQL condition over alias `r` with the viewer as $1/$2; omit for admin-only tables. */
  readonly visibility?: string;
  readonly schema: z.ZodType<T>;
  /** Checks references (visible company, …) before a write; throws CrmInvalidError. */
  checkReferences?(tx: Database, viewer: Viewer, values: Partial<C> | P, id: string): Promise<void>;
  writeChildren?(tx: Database, id: string, values: Partial<C> | P, isCreate: boolean): Promise<void>;
  /** Journals what the database's cascades will change, before the row goes. */
  beforeDelete?(tx: Database, id: string, ctx: WriteContext): Promise<void>;
}

type Values = Record<string, unknown>;

// Tables without a visibility rule (users, groups: admin routes) still bind $1/$2, which
// PostgreSQL must be able to type.
const EVERYONE = '($1::text IS NOT NULL OR $2::boolean)';

function selectList<T, C extends object, P extends object>(def: RecordTable<T, C, P>): string {
  const items = [
    'r.id::text AS "id"',
    'r.version AS "version"',
    `${isoInstantSql('r.created_at')} AS "createdAt"`,
    `${isoInstantSql('r.updated_at')} AS "updatedAt"`,
    ...def.columns.map((col) => `${readExpr(col)} AS "${col.field}"`),
    ...(def.extraSelect ?? []),
  ];
  return items.join(', ');
}

function readExpr(col: ColumnDef): string {
  const ref = `r.${col.column}`;
  switch (col.kind ?? 'plain') {
    case 'date':
      return isoDateSql(ref);
    case 'instant':
      return isoInstantSql(ref);
    case 'numeric':
      return `${ref}::float8`;
    case 'json':
    case 'plain':
      return col.column.endsWith('_id') ? `${ref}::text` : ref;
  }
}

function writeValue(col: ColumnDef, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return col.kind === 'json' ? JSON.stringify(value) : value;
}

function placeholder(col: ColumnDef, index: number): string {
  return col.kind === 'json' ? `$${index}::jsonb` : `$${index}`;
}

function parseRows<T>(schema: z.ZodType<T>, rows: readonly Values[]): T[] {
  return rows.map((row) => schema.parse(row));
}

export async function getRecord<T, C extends object, P extends object>(
  db: Database,
  def: RecordTable<T, C, P>,
  viewer: Viewer,
  id: string,
): Promise<T> {
  const found = await findRecords(db, def, viewer, [id]);
  const record = found[0];
  if (!record) throw new CrmNotFoundError(def.label);
  return record;
}

/** Visible records among `ids`, in id order; missing and invisible ones are left out. */
export async function findRecords<T, C extends object, P extends object>(
  db: Database,
  def: RecordTable<T, C, P>,
  viewer: Viewer,
  ids: readonly string[],
): Promise<T[]> {
  const uuids = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (uuids.length === 0) return [];
  const { rows } = await db.query<Values>(
    `SELECT ${selectList(def)} FROM ${def.table} r
      WHERE r.id = ANY($3::uuid[]) AND ${def.visibility ?? EVERYONE} ORDER BY r.id`,
    [...viewerParams(viewer), uuids],
  );
  return parseRows(def.schema, rows);
}

export async function listRecords<T, C extends object, P extends object>(
  db: Database,
  def: RecordTable<T, C, P>,
  viewer: Viewer,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<T>> {
  const after = decodeCursor(page.cursor);
  const { rows } = await db.query<Values>(
    `SELECT ${selectList(def)} FROM ${def.table} r
      WHERE ($3::uuid IS NULL OR r.id > $3::uuid) AND ${def.visibility ?? EVERYONE}
      ORDER BY r.id LIMIT $4`,
    [...viewerParams(viewer), after, page.limit + 1],
  );
  const items = parseRows(def.schema, rows.slice(0, page.limit));
  const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
  return { items, nextCursor: last ? encodeCursor(String(last.id)) : null };
}

export async function createRecord<T, C extends object, P extends object>(
  db: Database,
  def: RecordTable<T, C, P>,
  ctx: WriteContext,
  id: string,
  input: C,
): Promise<T> {
  const values = input as Values;
  await db.transaction(async (tx) => {
    await def.checkReferences?.(tx, ctx, input, id);
    const cols = def.columns.filter((col) => col.field in values);
    await tx.query(
      `INSERT INTO ${def.table} (id, ${cols.map((c) => c.column).join(', ')})
       VALUES ($1, ${cols.map((c, i) => placeholder(c, i + 2)).join(', ')})`,
      [id, ...cols.map((col) => writeValue(col, values[col.field]))],
    );
    await def.writeChildren?.(tx, id, input, true);
    await appendChange(tx, { entityType: def.entityType, entityId: id, operation: 'create', version: 1, origin: ctx.origin });
  });
  return getRecord(db, def, { userId: ctx.userId, isAdmin: true }, id);
}

/** Locks the visible row and checks the expected version; answers the current version. */
async function lockForWrite<T, C extends object, P extends object>(
  tx: Database,
  def: RecordTable<T, C, P>,
  viewer: Viewer,
  id: string,
  expectedVersion: number | undefined,
): Promise<number> {
  const { rows } = await tx.query<{ version: number }>(
    `SELECT r.version FROM ${def.table} r WHERE r.id = $3::uuid AND ${def.visibility ?? EVERYONE} FOR UPDATE OF r`,
    [...viewerParams(viewer), id],
  );
  const current = rows[0];
  if (!current) throw new CrmNotFoundError(def.label);
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new CrmVersionConflictError(def.label, current.version);
  }
  return current.version;
}

export async function updateRecord<T, C extends object, P extends object>(
  db: Database,
  def: RecordTable<T, C, P>,
  ctx: WriteContext,
  id: string,
  patch: P & { expectedVersion?: number | undefined },
): Promise<T> {
  const values = patch as Values;
  await db.transaction(async (tx) => {
    const version = await lockForWrite(tx, def, ctx, id, patch.expectedVersion);
    await def.checkReferences?.(tx, ctx, patch, id);
    const cols = def.columns.filter((col) => values[col.field] !== undefined);
    const sets = cols.map((col, i) => `${col.column} = ${placeholder(col, i + 2)}`);
    await tx.query(
      `UPDATE ${def.table} SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1`,
      [id, ...cols.map((col) => writeValue(col, values[col.field]))],
    );
    await def.writeChildren?.(tx, id, patch, false);
    await appendChange(tx, { entityType: def.entityType, entityId: id, operation: 'update', version: version + 1, origin: ctx.origin });
  });
  return getRecord(db, def, { userId: ctx.userId, isAdmin: true }, id);
}

export async function deleteRecord<T, C extends object, P extends object>(
  db: Database,
  def: RecordTable<T, C, P>,
  ctx: WriteContext,
  id: string,
  expectedVersion?: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    const version = await lockForWrite(tx, def, ctx, id, expectedVersion);
    await def.beforeDelete?.(tx, id, ctx);
    await tx.query(`DELETE FROM ${def.table} WHERE id = $1`, [id]);
    await appendChange(tx, { entityType: def.entityType, entityId: id, operation: 'delete', version: version + 1, origin: ctx.origin });
  });
}
