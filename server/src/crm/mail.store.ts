import sanitizeHtml from 'sanitize-html';
import type { Database } from '../db/database';
import { mailSchema, type FileMailResult, type Mail, type MailFile } from '../../../shared/crm/mail.schema';
import { CrmNotFoundError } from './crm-errors';
import { appendChange } from './journal.store';
import { createRecordId } from './record-id';
import { isoInstantSql } from './sql-format';
import { inheritedVisibleSql, companyVisibleSql, viewerParams, type Viewer, type WriteContext } from './viewer';

/** Mail HTML is shown again in the CRM: scripts, handlers and remote frames must not survive. */
export function sanitizeMailBody(bodyType: 'html' | 'text', body: string): string {
  if (bodyType === 'text') return body;
  return sanitizeHtml(body, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center', 'span'],
    allowedAttributes: { '*': ['style', 'align', 'dir', 'title'], a: ['href', 'name', 'target'], img: ['src', 'alt', 'width', 'height'], font: ['color', 'face', 'size'], td: ['colspan', 'rowspan', 'width', 'valign'], th: ['colspan', 'rowspan', 'width'] },
    allowedSchemes: ['http', 'https', 'mailto', 'cid', 'data'],
    allowedSchemesByTag: { img: ['https', 'cid', 'data'] },
  });
}

const selectMail = `SELECT m.id::text AS "id", m.version, ${isoInstantSql('m.created_at')} AS "createdAt", ${isoInstantSql('m.updated_at')} AS "updatedAt",
  m.internet_message_id AS "internetMessageId", m.conversation_id AS "conversationId", m.subject, m.sender AS "from",
  m.to_recipients AS "to", m.cc_recipients AS "cc",
  CASE WHEN m.sent_at IS NULL THEN NULL ELSE ${isoInstantSql('m.sent_at')} END AS "sentAt",
  CASE WHEN m.received_at IS NULL THEN NULL ELSE ${isoInstantSql('m.received_at')} END AS "receivedAt",
  m.body_type AS "bodyType", m.body, m.attachments, m.filed_by::text AS "filedBy"
  FROM crm_mails m`;

/** A filed mail is seen by its filer, admins, and whoever sees a record it is linked to (A6). */
const mailVisibleSql = `($2::boolean OR m.filed_by = $1::uuid OR EXISTS (
  SELECT 1 FROM crm_item_identities i JOIN crm_links l ON l.item_id = i.item_id
   WHERE i.kind = 'internetMessageId' AND i.value = m.internet_message_id AND (
     (l.record_type = 'company' AND EXISTS (SELECT 1 FROM crm_companies c WHERE c.id = l.record_id AND ${companyVisibleSql('c')}))
     OR (l.record_type = 'contact' AND EXISTS (SELECT 1 FROM crm_contacts r WHERE r.id = l.record_id AND ${inheritedVisibleSql('r', false)}))
     OR (l.record_type = 'project' AND EXISTS (SELECT 1 FROM crm_projects r WHERE r.id = l.record_id AND ${inheritedVisibleSql('r', true)}))
     OR (l.record_type = 'offer' AND EXISTS (SELECT 1 FROM crm_offers r WHERE r.id = l.record_id AND ${inheritedVisibleSql('r', true)})))))`;

/**
 * Files a mail idempotently by its Internet Message-ID: the first call stores it, a repeat
 * with the same content changes nothing, a repeat with new content (e.g. a later
 * attachment list) updates it. Either way one row per Message-ID.
 */
export async function fileMail(db: Database, ctx: WriteContext, input: MailFile): Promise<FileMailResult> {
  const body = sanitizeMailBody(input.bodyType, input.body);
  const values = [
    input.internetMessageId,
    input.conversationId ?? null,
    input.subject,
    input.from ? JSON.stringify(input.from) : null,
    JSON.stringify(input.to),
    JSON.stringify(input.cc),
    input.sentAt ?? null,
    input.receivedAt ?? null,
    input.bodyType,
    body,
    JSON.stringify(input.attachments),
  ];
  const created = await db.transaction(async (tx) => {
    const id = createRecordId();
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO crm_mails (id, internet_message_id, conversation_id, subject, sender, to_recipients, cc_recipients, sent_at, received_at, body_type, body, attachments, filed_by)
       VALUES ($12, $1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $11::jsonb, $13)
       ON CONFLICT (internet_message_id) DO NOTHING RETURNING id::text AS id`,
      [...values, id, ctx.userId],
    );
    const row = inserted.rows[0];
    if (row) {
      await appendChange(tx, { entityType: 'mail', entityId: row.id, operation: 'create', version: 1, origin: ctx.origin });
      return true;
    }
    const updated = await tx.query<{ id: string; version: number }>(
      `UPDATE crm_mails SET conversation_id = $2, subject = $3, sender = $4::jsonb, to_recipients = $5::jsonb, cc_recipients = $6::jsonb,
              sent_at = $7, received_at = $8, body_type = $9, body = $10, attachments = $11::jsonb, version = version + 1, updated_at = now()
        WHERE internet_message_id = $1
          AND (conversation_id, subject, sender, to_recipients, cc_recipients, sent_at, received_at, body_type, body, attachments)
              IS DISTINCT FROM ($2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7::timestamptz, $8::timestamptz, $9, $10, $11::jsonb)
        RETURNING id::text AS id, version`,
      values,
    );
    const changed = updated.rows[0];
    if (changed) await appendChange(tx, { entityType: 'mail', entityId: changed.id, operation: 'update', version: changed.version, origin: ctx.origin });
    return false;
  });
  const { rows } = await db.query<Record<string, unknown>>(`${selectMail} WHERE m.internet_message_id = $1`, [input.internetMessageId]);
  return { mail: mailSchema.parse(rows[0]), created };
}

export async function getMail(db: Database, viewer: Viewer, id: string): Promise<Mail> {
  const { rows } = await db.query<Record<string, unknown>>(`${selectMail} WHERE m.id = $3::uuid AND ${mailVisibleSql}`, [...viewerParams(viewer), id]);
  if (!rows[0]) throw new CrmNotFoundError('Mail');
  return mailSchema.parse(rows[0]);
}
