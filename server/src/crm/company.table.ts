import type { Database } from '../db/database';
import { companySchema, type Company, type CompanyCreate, type CompanyPatch } from '../../../shared/crm/company.schema';
import { appendChange } from './journal.store';
import type { RecordTable } from './record-table';
import { requireReferences } from './reference-check';
import { companyVisibleSql, type WriteContext } from './viewer';

async function writeChildren(tx: Database, id: string, values: Partial<CompanyCreate> | CompanyPatch, isCreate: boolean): Promise<void> {
  if (values.domains !== undefined) {
    if (!isCreate) await tx.query('DELETE FROM crm_company_domains WHERE company_id = $1', [id]);
    const domains = [...new Set(values.domains)];
    if (domains.length > 0) {
      await tx.query(
        'INSERT INTO crm_company_domains (company_id, domain, position) SELECT $1, d, p::int FROM unnest($2::text[]) WITH ORDINALITY AS t(d, p)',
        [id, domains],
      );
    }
  }
  if (values.groupIds !== undefined) {
    if (!isCreate) await tx.query('DELETE FROM crm_company_groups WHERE company_id = $1', [id]);
    const groups = [...new Set(values.groupIds)];
    if (groups.length > 0) {
      await tx.query('INSERT INTO crm_company_groups (company_id, group_id) SELECT $1, unnest($2::uuid[])', [id, groups]);
    }
  }
}

/** Projects and offers go with their company, contacts and activities lose it: all journaled. */
async function journalCascade(tx: Database, id: string, ctx: WriteContext): Promise<void> {
  const detach = async (table: string, entityType: 'contact' | 'appointment' | 'task') => {
    const { rows } = await tx.query<{ id: string; version: number }>(
      `UPDATE ${table} SET company_id = NULL, version = version + 1, updated_at = now() WHERE company_id = $1 RETURNING id::text AS id, version`,
      [id],
    );
    for (const row of rows) await appendChange(tx, { entityType, entityId: row.id, operation: 'update', version: row.version, origin: ctx.origin });
  };
  const remove = async (table: string, entityType: 'project' | 'offer') => {
    const { rows } = await tx.query<{ id: string; version: number }>(`DELETE FROM ${table} WHERE company_id = $1 RETURNING id::text AS id, version`, [id]);
    for (const row of rows) await appendChange(tx, { entityType, entityId: row.id, operation: 'delete', version: row.version + 1, origin: ctx.origin });
  };
  await detach('crm_contacts', 'contact');
  await detach('crm_appointments', 'appointment');
  await detach('crm_tasks', 'task');
  await remove('crm_offers', 'offer');
  await remove('crm_projects', 'project');
}

export const companyTable: RecordTable<Company, CompanyCreate, CompanyPatch> = {
  entityType: 'company',
  label: 'Company',
  table: 'crm_companies',
  columns: [
    { field: 'name', column: 'name' },
    { field: 'number', column: 'number' },
    { field: 'status', column: 'status' },
    { field: 'ownerId', column: 'owner_id' },
    { field: 'restricted', column: 'restricted' },
    { field: 'phone', column: 'phone' },
    { field: 'website', column: 'website' },
    { field: 'address', column: 'address', kind: 'json' },
    { field: 'notes', column: 'notes' },
  ],
  extraSelect: [
    'ARRAY(SELECT d.domain FROM crm_company_domains d WHERE d.company_id = r.id ORDER BY d.position) AS "domains"',
    'ARRAY(SELECT g.group_id::text FROM crm_company_groups g WHERE g.company_id = r.id ORDER BY g.group_id) AS "groupIds"',
  ],
  visibility: companyVisibleSql('r'),
  schema: companySchema,
  async checkReferences(tx, viewer, values) {
    await requireReferences(tx, viewer, 'user', 'ownerId', [values.ownerId]);
    await requireReferences(tx, viewer, 'group', 'groupIds', values.groupIds ?? []);
  },
  writeChildren,
  beforeDelete: journalCascade,
};
