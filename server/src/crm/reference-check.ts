import type { Database } from '../db/database';
import { CrmInvalidError } from './crm-errors';
import { companyVisibleSql, inheritedVisibleSql, viewerParams, type Viewer } from './viewer';

type ReferenceKind = 'company' | 'contact' | 'project' | 'user' | 'group';

const lookups: Record<ReferenceKind, string> = {
  company: `SELECT r.id FROM crm_companies r WHERE r.id = ANY($3::uuid[]) AND ${companyVisibleSql('r')}`,
  contact: `SELECT r.id FROM crm_contacts r WHERE r.id = ANY($3::uuid[]) AND ${inheritedVisibleSql('r', false)}`,
  project: `SELECT r.id FROM crm_projects r WHERE r.id = ANY($3::uuid[]) AND ${inheritedVisibleSql('r', true)}`,
  user: 'SELECT r.id FROM crm_users r WHERE r.id = ANY($3::uuid[]) AND ($1::text IS NOT NULL OR $2::boolean)',
  group: 'SELECT r.id FROM crm_groups r WHERE r.id = ANY($3::uuid[]) AND ($1::text IS NOT NULL OR $2::boolean)',
};

/**
 * Refuses a write naming a record that does not exist or that the writer may not see, as
 * a field error: otherwise a foreign key would fail with a 500, or a user could attach
 * data to a customer hidden from them.
 */
export async function requireReferences(
  tx: Database,
  viewer: Viewer,
  kind: ReferenceKind,
  field: string,
  ids: readonly (string | null | undefined)[],
): Promise<void> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  if (wanted.length === 0) return;
  const { rows } = await tx.query<{ id: string }>(lookups[kind].replace('SELECT r.id', 'SELECT r.id::text AS id'), [...viewerParams(viewer), wanted]);
  const found = new Set(rows.map((r) => r.id));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new CrmInvalidError(`Unknown ${kind}`, missing.map((id) => ({ path: field, message: `No ${kind} ${id}` })));
  }
}
