import type { Database } from '../db/database';
import { contactSchema, type Contact, type ContactCreate, type ContactPatch } from '../../../shared/crm/contact.schema';
import type { RecordTable } from './record-table';
import { requireReferences } from './reference-check';
import { inheritedVisibleSql } from './viewer';

async function writeEmails(tx: Database, id: string, values: Partial<ContactCreate> | ContactPatch, isCreate: boolean): Promise<void> {
  if (values.emails === undefined) return;
  if (!isCreate) await tx.query('DELETE FROM crm_contact_emails WHERE contact_id = $1', [id]);
  const emails = [...new Set(values.emails.map((e) => e.trim().toLowerCase()))];
  if (emails.length === 0) return;
  await tx.query(
    'INSERT INTO crm_contact_emails (contact_id, address, position) SELECT $1, a, p::int FROM unnest($2::text[]) WITH ORDINALITY AS t(a, p)',
    [id, emails],
  );
}

export const contactTable: RecordTable<Contact, ContactCreate, ContactPatch> = {
  entityType: 'contact',
  label: 'Contact',
  table: 'crm_contacts',
  columns: [
    { field: 'companyId', column: 'company_id' },
    { field: 'salutation', column: 'salutation' },
    { field: 'title', column: 'title' },
    { field: 'firstName', column: 'first_name' },
    { field: 'lastName', column: 'last_name' },
    { field: 'jobTitle', column: 'job_title' },
    { field: 'department', column: 'department' },
    { field: 'phones', column: 'phones', kind: 'json' },
    { field: 'address', column: 'address', kind: 'json' },
    { field: 'birthday', column: 'birthday', kind: 'date' },
    { field: 'notes', column: 'notes' },
    { field: 'ownerId', column: 'owner_id' },
  ],
  extraSelect: ['ARRAY(SELECT e.address FROM crm_contact_emails e WHERE e.contact_id = r.id ORDER BY e.position) AS "emails"'],
  visibility: inheritedVisibleSql('r', false),
  schema: contactSchema,
  async checkReferences(tx, viewer, values) {
    await requireReferences(tx, viewer, 'company', 'companyId', [values.companyId]);
    await requireReferences(tx, viewer, 'user', 'ownerId', [values.ownerId]);
  },
  writeChildren: writeEmails,
};
