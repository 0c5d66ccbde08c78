/** Who reads: a CRM user id and whether the CRM lets them see everything. */
export interface Viewer {
  readonly userId: string;
  readonly isAdmin: boolean;
}

/** Who writes: a viewer plus where the change comes from, recorded in the journal. */
export interface WriteContext extends Viewer {
  /** `api`, `auth`, or `sync:<ruleOrAccountId>` so the sync engine can skip its own echoes. */
  readonly origin: string;
}

/**
 * SQL condition: the viewer may see company `alias`. Queries using it bind the viewer's
 * user id as $1 and the admin flag as $2. A company is visible to everyone unless
 * restricted; a restricted one to its owner, members of its groups and admins.
 */
export function companyVisibleSql(alias: string): string {
  return `($2::boolean OR NOT ${alias}.restricted OR ${alias}.owner_id = $1::uuid OR EXISTS (
    SELECT 1 FROM crm_company_groups vcg JOIN crm_group_members vgm ON vgm.group_id = vcg.group_id
    WHERE vcg.company_id = ${alias}.id AND vgm.user_id = $1::uuid))`;
}

/** Records under a company inherit its visibility; one without a company is visible to all. */
export function inheritedVisibleSql(alias: string, companyRequired: boolean): string {
  const viaCompany = `EXISTS (SELECT 1 FROM crm_companies vc WHERE vc.id = ${alias}.company_id AND ${companyVisibleSql('vc')})`;
  return companyRequired ? viaCompany : `(${alias}.company_id IS NULL OR ${viaCompany})`;
}

export function viewerParams(viewer: Viewer): [string, boolean] {
  return [viewer.userId, viewer.isAdmin];
}
