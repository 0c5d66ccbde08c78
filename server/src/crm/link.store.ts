import type { Database } from '../db/database';
import { identityKinds, type IdentityKind, type ItemDescriptor, type ItemIdentities, type ItemLinks, type LinkedItem } from '../../../shared/crm/link.schema';
import type { RecordRef } from '../../../shared/crm/record-ref.schema';
import { CrmInvalidError, CrmNotFoundError } from './crm-errors';
import { createRecordId } from './record-id';
import { loadSummaries, refKey } from './record-summary';
import { isoInstantSql } from './sql-format';
import type { Viewer } from './viewer';

// Links are few and cheap to write; one lock makes "find the item or create it" safe
// when two panes link the same new mail at once.
const LINK_LOCK_KEY = 7_126_415;

function identityPairs(identities: ItemIdentities): { kinds: IdentityKind[]; values: string[] } {
  const kinds: IdentityKind[] = [];
  const values: string[] = [];
  for (const kind of identityKinds) {
    const value = identities[kind];
    if (value !== undefined) {
      kinds.push(kind);
      values.push(value);
    }
  }
  return { kinds, values };
}

/** Items known under any of the identities, oldest first. */
async function findItemIds(db: Database, identities: ItemIdentities): Promise<string[]> {
  const { kinds, values } = identityPairs(identities);
  const { rows } = await db.query<{ item_id: string }>(
    `SELECT DISTINCT item_id::text AS item_id FROM crm_item_identities
      WHERE (kind, value) IN (SELECT * FROM unnest($1::text[], $2::text[])) ORDER BY item_id`,
    [kinds, values],
  );
  return rows.map((r) => r.item_id);
}

async function requireVisible(db: Database, viewer: Viewer, refs: readonly RecordRef[]): Promise<void> {
  const visible = await loadSummaries(db, viewer, refs);
  const missing = refs.map((ref, i) => ({ ref, i })).filter(({ ref }) => !visible.has(refKey(ref)));
  if (missing.length > 0) {
    throw new CrmInvalidError('Unknown record', missing.map(({ ref, i }) => ({ path: `records.${i}`, message: `No ${ref.type} ${ref.id}` })));
  }
}

/**
 * Finds the item by any identity or creates it, records every identity given (a moved
 * item brings its new EWS id), and adds the links; linking twice is one link. Items that
 * turn out to be one (an identity connects them) are merged into the oldest.
 */
export async function linkItem(db: Database, viewer: Viewer, item: ItemDescriptor, refs: readonly RecordRef[]): Promise<ItemLinks> {
  await requireVisible(db, viewer, refs);
  const itemId = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LINK_LOCK_KEY]);
    const found = await findItemIds(tx, item.identities);
    const id = found[0] ?? createRecordId();
    if (found[0] === undefined) {
      await tx.query('INSERT INTO crm_items (id, kind, mailbox, conversation_id, subject) VALUES ($1, $2, $3, $4, $5)', [
        id,
        item.kind,
        item.mailbox,
        item.conversationId ?? null,
        item.subject ?? '',
      ]);
    } else {
      await tx.query(
        'UPDATE crm_items SET conversation_id = COALESCE($2, conversation_id), subject = COALESCE($3, subject), updated_at = now() WHERE id = $1',
        [id, item.conversationId ?? null, item.subject ?? null],
      );
      await mergeItems(tx, id, found.slice(1));
    }
    const { kinds, values } = identityPairs(item.identities);
    await tx.query(
      `INSERT INTO crm_item_identities (kind, value, item_id) SELECT k, v, $3 FROM unnest($1::text[], $2::text[]) AS t(k, v)
       ON CONFLICT (kind, value) DO NOTHING`,
      [kinds, values, id],
    );
    await tx.query(
      `INSERT INTO crm_links (item_id, record_type, record_id, created_by)
       SELECT $1, t, r, $4 FROM unnest($2::text[], $3::uuid[]) AS x(t, r) ON CONFLICT DO NOTHING`,
      [id, refs.map((r) => r.type), refs.map((r) => r.id), viewer.userId],
    );
    return id;
  });
  return listLinksOfItemIds(db, viewer, [itemId]);
}

async function mergeItems(tx: Database, into: string, others: readonly string[]): Promise<void> {
  if (others.length === 0) return;
  await tx.query(
    `INSERT INTO crm_links (item_id, record_type, record_id, created_by, created_at)
     SELECT $1, record_type, record_id, created_by, created_at FROM crm_links WHERE item_id = ANY($2::uuid[]) ON CONFLICT DO NOTHING`,
    [into, others],
  );
  await tx.query('UPDATE crm_item_identities SET item_id = $1 WHERE item_id = ANY($2::uuid[])', [into, others]);
  await tx.query('DELETE FROM crm_items WHERE id = ANY($1::uuid[])', [others]);
}

/** Removes the caller's visible records from the item's links; unknown links are ignored. */
export async function unlinkItem(db: Database, viewer: Viewer, identities: ItemIdentities, refs: readonly RecordRef[]): Promise<ItemLinks> {
  const itemIds = await findItemIds(db, identities);
  if (itemIds.length === 0) return { itemId: null, links: [] };
  const visible = await loadSummaries(db, viewer, refs);
  const removable = refs.filter((ref) => visible.has(refKey(ref)));
  if (removable.length > 0) {
    await db.query(
      `DELETE FROM crm_links WHERE item_id = ANY($1::uuid[])
         AND (record_type, record_id) IN (SELECT * FROM unnest($2::text[], $3::uuid[]))`,
      [itemIds, removable.map((r) => r.type), removable.map((r) => r.id)],
    );
  }
  return listLinksOfItemIds(db, viewer, itemIds);
}

export async function listItemLinks(db: Database, viewer: Viewer, identities: ItemIdentities): Promise<ItemLinks> {
  return listLinksOfItemIds(db, viewer, await findItemIds(db, identities));
}

async function listLinksOfItemIds(db: Database, viewer: Viewer, itemIds: readonly string[]): Promise<ItemLinks> {
  if (itemIds.length === 0) return { itemId: null, links: [] };
  const { rows } = await db.query<{ record_type: RecordRef['type']; record_id: string; linked_at: string; linked_by: string | null }>(
    `SELECT record_type, record_id::text AS record_id, ${isoInstantSql('min(created_at)')} AS linked_at, (array_agg(created_by::text ORDER BY created_at))[1] AS linked_by
       FROM crm_links WHERE item_id = ANY($1::uuid[]) GROUP BY record_type, record_id ORDER BY min(created_at), record_type, record_id`,
    [itemIds],
  );
  const summaries = await loadSummaries(db, viewer, rows.map((r) => ({ type: r.record_type, id: r.record_id })));
  const links = rows.flatMap((row) => {
    const record = summaries.get(refKey({ type: row.record_type, id: row.record_id }));
    return record ? [{ record, linkedAt: row.linked_at, linkedBy: row.linked_by }] : [];
  });
  return { itemId: itemIds[0] ?? null, links };
}

/** Items linked to a record the viewer can see, newest link first. */
export async function listRecordItems(db: Database, viewer: Viewer, ref: RecordRef): Promise<LinkedItem[]> {
  const visible = await loadSummaries(db, viewer, [ref]);
  if (!visible.has(refKey(ref))) throw new CrmNotFoundError(ref.type[0]?.toUpperCase() + ref.type.slice(1));
  const { rows } = await db.query<{
    id: string;
    kind: LinkedItem['kind'];
    mailbox: string;
    subject: string;
    conversation_id: string | null;
    linked_at: string;
    identities: Record<string, string> | null;
  }>(
    `SELECT i.id::text AS id, i.kind, i.mailbox, i.subject, i.conversation_id, ${isoInstantSql('l.created_at')} AS linked_at,
            (SELECT json_object_agg(x.kind, x.value) FROM crm_item_identities x WHERE x.item_id = i.id) AS identities
       FROM crm_links l JOIN crm_items i ON i.id = l.item_id
      WHERE l.record_type = $1 AND l.record_id = $2::uuid ORDER BY l.created_at DESC, i.id LIMIT 500`,
    [ref.type, ref.id],
  );
  return rows.map((row) => ({
    itemId: row.id,
    kind: row.kind,
    mailbox: row.mailbox,
    subject: row.subject,
    conversationId: row.conversation_id,
    linkedAt: row.linked_at,
    identities: pickIdentities(row.identities ?? {}),
  }));
}

function pickIdentities(raw: Record<string, string>): LinkedItem['identities'] {
  const result: Partial<Record<IdentityKind, string>> = {};
  for (const kind of identityKinds) {
    const value = raw[kind];
    if (value !== undefined) result[kind] = value;
  }
  return result;
}
