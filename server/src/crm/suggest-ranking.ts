import { recordSummarySchema, type RecordSummary } from '../../../shared/crm/record-ref.schema';
import type { Suggestion } from '../../../shared/crm/suggest.schema';
import { MAX_DEALS, type SuggestRow } from './suggest.sql';

interface CompanyMatch {
  summary: RecordSummary;
  viaContact: Set<string>;
  viaDomain: Set<string>;
}

/**
 * Suggestions from the rows of the suggest statement (visible records only), in A3's order:
 * contacts, companies, open deals; within contacts and companies the stronger match first.
 * `byDomain` maps each non-free-mail domain of the request to its addresses there.
 */
export function rankSuggestions(rows: readonly SuggestRow[], byDomain: ReadonlyMap<string, readonly string[]>): Suggestion[] {
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
