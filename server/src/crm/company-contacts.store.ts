import type { Database } from '../db/database';
import { inheritedVisibleSql, viewerParams, type Viewer } from './viewer';

/**
 * Ids of the contacts `viewer` may see under each of `companyIds`, by company; a company
 * without such contacts is left out. The sync uses it to re-read the contacts of a
 * changed company (its name is part of every contact in Exchange).
 */
export async function listContactIdsOfCompanies(db: Database, viewer: Viewer, companyIds: readonly string[]): Promise<Map<string, string[]>> {
  const uuids = [...new Set(companyIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id)))];
  const byCompany = new Map<string, string[]>();
  if (uuids.length === 0) return byCompany;
  const { rows } = await db.query<{ id: string; companyId: string }>(
    `SELECT r.id::text AS "id", r.company_id::text AS "companyId" FROM crm_contacts r
      WHERE r.company_id = ANY($3::uuid[]) AND ${inheritedVisibleSql('r', false)} ORDER BY r.company_id, r.id`,
    [...viewerParams(viewer), uuids],
  );
  for (const row of rows) {
    const ids = byCompany.get(row.companyId);
    if (ids) ids.push(row.id);
    else byCompany.set(row.companyId, [row.id]);
  }
  return byCompany;
}
