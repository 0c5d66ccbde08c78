import type { Database } from '../db/database';
import { recordSummarySchema, type RecordSummary } from '../../../shared/crm/record-ref.schema';
import type { Suggestion } from '../../../shared/crm/suggest.schema';
import { isFreeMailDomain } from './free-mail-domains';
import { MAX_DEALS, SUGGEST_SQL, type SuggestRow } from './suggest.sql';
import { viewerParams, type Viewer } from './viewer';

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
 * more matching addresses first. One statement (suggest.sql.ts), whatever the number of
 * addresses; ranking here.
 */
export async function suggestRecords(db: Database, viewer: Viewer, rawAddresses: readonly string[]): Promise<Suggestion[]> {
  const addresses = normaliseAddresses(rawAddresses);
  if (addresses.length === 0) return [];
  const byDomain = new Map<string, string[]>();
  for (const address of addresses) {
    const domain = domainOf(address);
    if (!isFreeMailDomain(domain)) byDomain.set(domain, [...(byDomain.get(domain) ?? []), address]);
  }
  const { rows } = await db.query<SuggestRow>(SUGGEST_SQL, [...viewerParams(viewer), addresses, [...byDomain.keys()], MAX_DEALS]);

  const matches = new Map<string, CompanyMatch>();
  for (const row of rows) {
    if (row.part !== 2) continue;
    const summary = recordSummarySchema.parse(row.summary);
    const domains = summary.type === 'company' ? summary.domains : [];
    const viaDomain = new Set(domains.flatMap((d) => byDomain.get(d) ?? []));
    matches.set(summary.id, { summary, viaContact: new Set(), viaDomain });
  }
  const contactSuggestions: Suggestion[] = rows
    .filter((row) => row.part === 1)
    .map((row) => {
      const rowAddresses = row.addresses ?? [];
      const match = row.company_id ? matches.get(row.company_id) : undefined;
      for (const address of rowAddresses) match?.viaContact.add(address);
      return { record: recordSummarySchema.parse(row.summary), reason: 'contact', addresses: rowAddresses };
    });

  const companySuggestions = [...matches.values()].map((m): Suggestion => {
    const reason = m.viaContact.size > 0 ? 'contact' : 'domain';
    return { record: m.summary, reason, addresses: [...new Set([...m.viaContact, ...m.viaDomain])].sort() };
  });
  sortByStrength(contactSuggestions);
  sortByStrength(companySuggestions);
  const deals = rankOpenDeals(
    rows.filter((row) => row.part === 3).map((row) => recordSummarySchema.parse(row.summary)),
    companySuggestions,
  );
  return [...contactSuggestions, ...companySuggestions, ...deals];
}

function sortByStrength(list: Suggestion[]): void {
  const weight = (s: Suggestion) => (s.reason === 'contact' ? 1_000 : 0) + s.addresses.length;
  list.sort((a, b) => weight(b) - weight(a) || a.record.name.localeCompare(b.record.name));
}

/** Deals follow their company's rank, projects before offers, newest first, at most MAX_DEALS. */
function rankOpenDeals(records: readonly RecordSummary[], companies: readonly Suggestion[]): Suggestion[] {
  const order = new Map(companies.map((c, i) => [c.record.id, i]));
  const addressesOf = new Map(companies.map((c) => [c.record.id, c.addresses]));
  const companyOf = (record: RecordSummary) => (record.type === 'project' || record.type === 'offer' ? record.companyId : '');
  const deals = records.map((record): Suggestion => ({ record, reason: 'company', addresses: addressesOf.get(companyOf(record)) ?? [] }));
  const rank = (s: Suggestion) => order.get(companyOf(s.record)) ?? 0;
  // PostgreSQL prints uuids in lower-case hex, so comparing the strings orders them as it does
  // (by creation for the UUIDv7 ids Tandem makes), like the ORDER BY id DESC that picked them.
  const newestFirst = (a: Suggestion, b: Suggestion) => (a.record.id < b.record.id ? 1 : a.record.id > b.record.id ? -1 : 0);
  const typeOrder = (s: Suggestion) => (s.record.type === 'project' ? 0 : 1);
  return deals.sort((a, b) => rank(a) - rank(b) || typeOrder(a) - typeOrder(b) || newestFirst(a, b)).slice(0, MAX_DEALS);
}
