import { summarySources } from './record-summary';

/** Open projects and offers beyond this many would drown the pane; the newest are kept. */
export const MAX_DEALS = 50;

/** One row of the suggest statement; which columns are set depends on `part`. */
export interface SuggestRow extends Record<string, unknown> {
  /** 1 contact, 2 company, 3 open project or offer. */
  part: number;
  summary: unknown;
  /** Contacts: the request's addresses that are theirs. */
  addresses: string[] | null;
  /** Contacts: their company, so it can collect the addresses of its contacts. */
  company_id: string | null;
}

const { contact, company, project, offer } = summarySources;

/**
 * The open deals of the suggested companies, the newest `MAX_DEALS` of one table. OFFSET 0
 * keeps the planner from walking the primary key backwards for ORDER BY id DESC LIMIT:
 * the (company_id, status) index yields the few open deals, then they are sorted.
 * A deal is visible exactly when its company is (record-summary's project and offer
 * sources check nothing else), and `companies` holds only companies that passed that very
 * check for this viewer: joining it stands in for the check and for the company lookup
 * that the summary's `co.name` needs.
 */
const openDeals = (table: string, source: typeof project) => `
  SELECT 3 AS part, ${source.summary} AS summary, NULL::text[], NULL::text
    FROM (SELECT * FROM ${table} WHERE company_id = ANY(ARRAY(SELECT id FROM companies)) AND status = 'open' OFFSET 0) r
    JOIN companies co ON co.id = r.company_id
   ORDER BY r.id DESC LIMIT $5`;

/**
 * Everything suggest shows, in one statement (one round trip, one plan): $1/$2 the viewer,
 * $3 the normalised addresses, $4 their domains that are not free-mail, $5 MAX_DEALS.
 * Contacts and companies are checked with record-summary's visibility conditions, as in
 * every other read. Ranking and ordering happen in the caller (the rows come in no
 * particular order); it also tells from a company summary's domains which addresses
 * matched it by domain. `companies` is materialised once (it is read three times), and its
 * candidate ids are computed into an array first so companies are fetched by primary key.
 */
export const SUGGEST_SQL = `
WITH contacts AS (
  SELECT r.id, r.company_id, m.addresses, ${contact.summary} AS summary
    FROM (SELECT contact_id, array_agg(address ORDER BY address) AS addresses FROM crm_contact_emails
           WHERE address = ANY($3::text[]) GROUP BY contact_id) m
    JOIN ${contact.from} ON r.id = m.contact_id
   WHERE ${contact.visible}
),
companies AS MATERIALIZED (
  SELECT r.id, r.name, ${company.summary} AS summary
    FROM ${company.from}
   WHERE r.id = ANY(ARRAY(SELECT company_id FROM contacts WHERE company_id IS NOT NULL
                          UNION SELECT company_id FROM crm_company_domains WHERE domain = ANY($4::text[])))
     AND ${company.visible}
)
SELECT 1 AS part, summary, addresses, company_id::text AS company_id FROM contacts
UNION ALL
SELECT 2, summary, NULL, NULL FROM companies
UNION ALL
(${openDeals('crm_projects', project)})
UNION ALL
(${openDeals('crm_offers', offer)})`;
