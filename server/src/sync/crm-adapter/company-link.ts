import type { Company, CompanyCreate } from '../../../../shared/crm/company.schema';
import type { CrmStore } from '../../crm/crm-store';
import type { Viewer, WriteContext } from '../../crm/viewer';

/** Compared the way a person reads company names: case and surrounding spaces aside. */
export function sameCompanyName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The company whose name is exactly `name`, if the CRM knows one. */
async function findCompanyByName(store: CrmStore, viewer: Viewer, name: string): Promise<Company | null> {
  const hits = await store.search(viewer, { q: name, types: ['company'], limit: 10 });
  const ids = hits.flatMap((hit) => (hit.match === 'exact' && hit.record.type === 'company' ? [hit.record.id] : []));
  if (ids.length === 0) return null;
  const companies = await store.companies.find(viewer, ids);
  return companies.filter((company) => sameCompanyName(company.name, name)).sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0] ?? null;
}

/**
 * B7 template record: a company created from Exchange data takes the CRM-only fields
 * (owner, groups, visibility, status) from the template company, never its own data
 * (number, domains, phone, address, notes belong to the template itself).
 */
export function companyFromTemplate(name: string, template: Company | null): CompanyCreate {
  const base: CompanyCreate = { name: name.trim(), domains: [], status: 'active', restricted: false, groupIds: [], notes: '' };
  if (!template) return base;
  return { ...base, status: template.status, ownerId: template.ownerId, restricted: template.restricted, groupIds: [...template.groupIds] };
}

/**
 * The company a contact from Exchange belongs to: the one the CRM knows by that name,
 * or a new one seeded from the template. A replay after a crash finds the company it
 * created before by its name, so nothing is duplicated.
 */
export async function companyForName(store: CrmStore, viewer: Viewer, ctx: WriteContext, name: string, templateCompanyId: string | null): Promise<string | null> {
  if (name.trim() === '') return null;
  const known = await findCompanyByName(store, viewer, name);
  if (known) return known.id;
  const [template] = templateCompanyId ? await store.companies.find(viewer, [templateCompanyId]) : [];
  return (await store.companies.create(ctx, companyFromTemplate(name, template ?? null))).id;
}
