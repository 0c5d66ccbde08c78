import type { Database } from '../db/database';
import type { Suggestion } from '../../../shared/crm/suggest.schema';
import { isFreeMailDomain } from './free-mail-domains';
import { rankSuggestions } from './suggest-ranking';
import { MAX_DEALS, SUGGEST_SQL, type SuggestRow } from './suggest.sql';
import { viewerParams, type Viewer } from './viewer';

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
 * addresses; ranking in suggest-ranking.ts.
 */
export async function suggestRecords(db: Database, viewer: Viewer, rawAddresses: readonly string[]): Promise<Suggestion[]> {
  const addresses = normaliseAddresses(rawAddresses);
  if (addresses.length === 0) return [];
  const byDomain = new Map<string, string[]>();
  for (const address of addresses) {
    const domain = domainOf(address);
    if (!isFreeMailDomain(domain)) byDomain.set(domain, [...(byDomain.get(domain) ?? []), address]);
  }
  // Named: PostgreSQL parses and plans it once per connection; at 1M contacts that was a
  // third of the statement's CPU time. Its generic plan is index-driven like the custom ones.
  const params = [...viewerParams(viewer), addresses, [...byDomain.keys()], MAX_DEALS];
  const { rows } = await db.query<SuggestRow>(SUGGEST_SQL, params, { name: 'crm_suggest' });
  return rankSuggestions(rows, byDomain);
}
