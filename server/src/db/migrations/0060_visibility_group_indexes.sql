-- Visibility of restricted companies through groups (viewer.ts, companyVisibleSql), as
-- suggest, search and every list check it. PostgreSQL evaluates the group condition as
-- one set per statement: the companies of the viewer's groups. With only (group_id) and
-- (user_id) indexes the planner built that set by reading every company-group row
-- (5,000 in the 1M-contact suggest bench), so its cost grew with all restricted
-- companies instead of the viewer's share. Composite indexes let it walk viewer ->
-- groups -> companies in the indexes alone. Each replaces the single-column index it
-- starts with, which therefore still serves lookups (and cascades) by that column.
DROP INDEX crm_company_groups_group_ix;
CREATE INDEX crm_company_groups_group_company_ix ON crm_company_groups (group_id, company_id);
DROP INDEX crm_group_members_user_ix;
CREATE INDEX crm_group_members_user_group_ix ON crm_group_members (user_id, group_id);
