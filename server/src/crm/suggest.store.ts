import type { Database } from '../db/database';
import { recordSummarySchema, type RecordSummary } from '../../../shared/crm/record-ref.schema';
import type { Suggestion } from '../../../shared/crm/suggest.schema';
import { isFreeMailDomain } from './free-mail-domains';
import { summarySources } from './record-summary';
import { viewerParams, type Viewer } from './viewer';

/** Open projects and offers beyond this many would drown the pane; the newest are kept. */
const MAX_DEALS = 50;

interface MatchRow extends Record<string, unknown> {
  summary: unknown;
  addresses: string[];
}

interface CompanyMatch {
  summary: RecordSummary;
  viaContact: Set<string>;
  viaDomain: Set<string>;
}

export function normaliseAddresses(addresses: readonly string[]): string[] {
  return [...new Set(addresses.map((a) => a.trim().toLowerCase()).filter((a) => /^[^@\s]+@[^@\s]+$/.test(a)))];
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/**
 * Records for the addresses of a mail or meeting (A3), in this order: contacts owning an
 * address; companies of those contacts; companies owning an address's domain (free-mail
 * domains never count); then those companies' open projects and offers. Within a group,
 * more matching addresses first. Three indexed statements, whatever the number of addresses.
 */
export async function suggestRecords(db: Database, viewer: Viewer, rawAddresses: readonly string[]): Promise<Suggestion[]> {
  const addresses = normaliseAddresses(rawAddresses);
  if (addresses.length === 0) return [];
  const params = viewerParams(viewer);
  const contact = summarySources.contact;
  const contacts = await db.query<MatchRow & { company_id: string | null }>(
    `SELECT ${contact.summary} AS summary, m.addresses, r.company_id::text AS company_id
       FROM (SELECT contact_id, array_agg(address ORDER BY address) AS addresses FROM crm_contact_emails
              WHERE address = ANY($3::text[]) GROUP BY contact_id) m
       JOIN ${contact.from} ON r.id = m.contact_id
      WHERE ${contact.visible}`,
    [...params, addresses],
  );

  const byDomain = new Map<string, string[]>();
  for (const address of addresses) {
    const domain = domainOf(address);
    if (!isFreeMailDomain(domain)) byDomain.set(domain, [...(byDomain.get(domain) ?? []), address]);
  }
  const contactCompanyIds = [...new Set(contacts.rows.map((r) => r.company_id).filter((id): id is string => id !== null))];
  const company = summarySources.company;
  // ARRAY(...) is computed once, so the companies are fetched by primary key, never scanned.
  const companies = await db.query<{ summary: unknown; domains: string[] }>(
    `SELECT ${company.summary} AS summary,
            ARRAY(SELECT d.domain FROM crm_company_domains d WHERE d.company_id = r.id AND d.domain = ANY($4::text[])) AS domains
       FROM ${company.from}
      WHERE r.id = ANY(ARRAY(SELECT unnest($3::uuid[]) UNION SELECT company_id FROM crm_company_domains WHERE domain = ANY($4::text[])))
        AND ${company.visible}`,
    [...params, contactCompanyIds, [...byDomain.keys()]],
  );

  const matches = new Map<string, CompanyMatch>();
  for (const row of companies.rows) {
    const summary = recordSummarySchema.parse(row.summary);
    const viaDomain = new Set(row.domains.flatMap((d) => byDomain.get(d) ?? []));
    matches.set(summary.id, { summary, viaContact: new Set(), viaDomain });
  }
  const contactSuggestions: Suggestion[] = contacts.rows.map((row) => {
    const match = row.company_id ? matches.get(row.company_id) : undefined;
    for (const address of row.addresses) match?.viaContact.add(address);
    return { record: recordSummarySchema.parse(row.summary), reason: 'contact', addresses: row.addresses };
  });

  const companySuggestions = [...matches.values()].map((m): Suggestion => {
    const reason = m.viaContact.size > 0 ? 'contact' : 'domain';
    return { record: m.summary, reason, addresses: [...new Set([...m.viaContact, ...m.viaDomain])].sort() };
  });
  sortByStrength(contactSuggestions);
  sortByStrength(companySuggestions);
  const deals = await loadOpenDeals(db, viewer, companySuggestions);
  return [...contactSuggestions, ...companySuggestions, ...deals];
}

function sortByStrength(list: Suggestion[]): void {
  const weight = (s: Suggestion) => (s.reason === 'contact' ? 1_000 : 0) + s.addresses.length;
  list.sort((a, b) => weight(b) - weight(a) || a.record.name.localeCompare(b.record.name));
}

async function loadOpenDeals(db: Database, viewer: Viewer, companies: readonly Suggestion[]): Promise<Suggestion[]> {
  if (companies.length === 0) return [];
  const order = new Map(companies.map((c, i) => [c.record.id, i]));
  // OFFSET 0 keeps the planner from walking the whole primary key backwards for ORDER BY id
  // DESC LIMIT: the (company_id, status) index yields the few open deals, then they are sorted.
  const openDeals = (table: string) =>
    `(SELECT * FROM ${table} WHERE company_id = ANY($3::uuid[]) AND status = 'open' OFFSET 0) r JOIN crm_companies co ON co.id = r.company_id`;
  const { rows } = await db.query<{ summary: unknown }>(
    `(SELECT ${summarySources.project.summary} AS summary, r.id FROM ${openDeals('crm_projects')}
       WHERE ${summarySources.project.visible} ORDER BY r.id DESC LIMIT $4)
     UNION ALL
     (SELECT ${summarySources.offer.summary} AS summary, r.id FROM ${openDeals('crm_offers')}
       WHERE ${summarySources.offer.visible} ORDER BY r.id DESC LIMIT $4)`,
    [...viewerParams(viewer), [...order.keys()], MAX_DEALS],
  );
  const addressesOf = new Map(companies.map((c) => [c.record.id, c.addresses]));
  const deals = rows.map((row): Suggestion => {
    const record = recordSummarySchema.parse(row.summary);
    const companyId = record.type === 'project' || record.type === 'offer' ? record.companyId : '';
    return { record, reason: 'company', addresses: addressesOf.get(companyId) ?? [] };
  });
  const rank = (s: Suggestion) => (s.record.type === 'project' || s.record.type === 'offer' ? (order.get(s.record.companyId) ?? 0) : 0);
  return deals.sort((a, b) => rank(a) - rank(b) || (a.record.type === b.record.type ? 0 : a.record.type === 'project' ? -1 : 1)).slice(0, MAX_DEALS);
}
