import type { Database } from '../db/database';
import { linkableTypes, recordSummarySchema, type LinkableType } from '../../../shared/crm/record-ref.schema';
import type { SearchHit } from '../../../shared/crm/search.schema';
import { summarySources } from './record-summary';
import { viewerParams, type Viewer } from './viewer';

/**
 * Per type: candidate ids from index-friendly conditions only (trigram GIN for substrings
 * and similarity, text_pattern_ops b-trees for prefixes), then a rank over the few
 * candidates. Parameters: $3 the lower-case term, $4 `%term%`, $5 `term%`.
 */
interface SearchSource {
  readonly candidates: string;
  /** 3 exact, 2 prefix, 1 partial, over alias `r`. */
  readonly rank: string;
  /** Text compared for trigram similarity, the tie-breaker within a rank. */
  readonly text: string;
}

const searchSources: Record<LinkableType, SearchSource> = {
  company: {
    candidates: `SELECT id FROM crm_companies WHERE lower(name) LIKE $4 OR lower(name) % $3
      UNION SELECT id FROM crm_companies WHERE lower(number) LIKE $5
      UNION SELECT company_id FROM crm_company_domains WHERE domain LIKE $5`,
    rank: `CASE WHEN lower(r.name) = $3 OR lower(r.number) = $3 OR EXISTS (SELECT 1 FROM crm_company_domains d WHERE d.company_id = r.id AND d.domain = $3) THEN 3
      WHEN lower(r.name) LIKE $5 OR lower(r.number) LIKE $5 OR EXISTS (SELECT 1 FROM crm_company_domains d WHERE d.company_id = r.id AND d.domain LIKE $5) THEN 2 ELSE 1 END`,
    text: 'lower(r.name)',
  },
  contact: {
    candidates: `SELECT id FROM crm_contacts WHERE lower(first_name || ' ' || last_name) LIKE $4 OR lower(first_name || ' ' || last_name) % $3
      UNION SELECT id FROM crm_contacts WHERE lower(last_name || ' ' || first_name) LIKE $5
      UNION SELECT contact_id FROM crm_contact_emails WHERE address LIKE $5`,
    rank: `CASE WHEN lower(btrim(r.first_name || ' ' || r.last_name)) = $3 OR lower(r.last_name) = $3
        OR EXISTS (SELECT 1 FROM crm_contact_emails e WHERE e.contact_id = r.id AND e.address = $3) THEN 3
      WHEN lower(r.first_name || ' ' || r.last_name) LIKE $5 OR lower(r.last_name) LIKE $5
        OR EXISTS (SELECT 1 FROM crm_contact_emails e WHERE e.contact_id = r.id AND e.address LIKE $5) THEN 2 ELSE 1 END`,
    text: `lower(r.first_name || ' ' || r.last_name)`,
  },
  project: {
    candidates: `SELECT id FROM crm_projects WHERE lower(title) LIKE $4 OR lower(title) % $3
      UNION SELECT id FROM crm_projects WHERE lower(number) LIKE $5`,
    rank: `CASE WHEN lower(r.title) = $3 OR lower(r.number) = $3 THEN 3 WHEN lower(r.title) LIKE $5 OR lower(r.number) LIKE $5 THEN 2 ELSE 1 END`,
    text: 'lower(r.title)',
  },
  offer: {
    candidates: `SELECT id FROM crm_offers WHERE lower(title) LIKE $4 OR lower(title) % $3
      UNION SELECT id FROM crm_offers WHERE lower(number) LIKE $5`,
    rank: `CASE WHEN lower(r.title) = $3 OR lower(r.number) = $3 THEN 3 WHEN lower(r.title) LIKE $5 OR lower(r.number) LIKE $5 THEN 2 ELSE 1 END`,
    text: 'lower(r.title)',
  },
};

const matchOfRank = { 3: 'exact', 2: 'prefix', 1: 'partial' } as const;

function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Ranked search across linkable types: exact before prefix before partial, then by similarity and name. */
export async function searchRecords(
  db: Database,
  viewer: Viewer,
  query: { q: string; types?: readonly LinkableType[] | undefined; limit: number },
): Promise<SearchHit[]> {
  const term = query.q.trim().toLowerCase();
  const like = escapeLike(term);
  const types = query.types && query.types.length > 0 ? query.types : linkableTypes;
  const branches = types.map((type) => {
    const search = searchSources[type];
    const show = summarySources[type];
    return `(SELECT ${show.summary} AS summary, ${search.rank} AS rank, similarity(${search.text}, $3) AS sim, ${search.text} AS sort_name
        FROM ${show.from}
       WHERE r.id IN (${search.candidates}) AND ${show.visible}
       ORDER BY rank DESC, sim DESC, sort_name LIMIT $6)`;
  });
  const { rows } = await db.query<{ summary: unknown; rank: number }>(
    `SELECT summary, rank FROM (${branches.join(' UNION ALL ')}) hits ORDER BY rank DESC, sim DESC, sort_name LIMIT $6`,
    [...viewerParams(viewer), term, `%${like}%`, `${like}%`, query.limit],
  );
  return rows.map((row) => ({
    record: recordSummarySchema.parse(row.summary),
    match: matchOfRank[row.rank === 3 ? 3 : row.rank === 2 ? 2 : 1],
  }));
}
