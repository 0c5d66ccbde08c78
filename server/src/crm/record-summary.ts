import type { Database } from '../db/database';
import { recordSummarySchema, type LinkableType, type RecordRef, type RecordSummary } from '../../../shared/crm/record-ref.schema';
import { companyVisibleSql, inheritedVisibleSql, viewerParams, type Viewer } from './viewer';

/**
 * How each linkable type is shown in one list row, built in SQL as JSON so search,
 * suggest and links fetch summaries of mixed types in one statement. `alias` is the
 * record's table alias; `co` the (left-)joined company.
 */
export interface SummarySource {
  readonly from: string;
  readonly visible: string;
  readonly summary: string;
}

const emailOf = (alias: string) =>
  `(SELECT e.address FROM crm_contact_emails e WHERE e.contact_id = ${alias}.id ORDER BY e.position LIMIT 1)`;

export const summarySources: Record<LinkableType, SummarySource> = {
  company: {
    from: 'crm_companies r',
    visible: companyVisibleSql('r'),
    summary: `json_build_object('type', 'company', 'id', r.id, 'name', r.name, 'number', r.number, 'status', r.status,
      'domains', ARRAY(SELECT d.domain FROM crm_company_domains d WHERE d.company_id = r.id ORDER BY d.position))`,
  },
  contact: {
    from: 'crm_contacts r LEFT JOIN crm_companies co ON co.id = r.company_id',
    visible: inheritedVisibleSql('r', false),
    summary: `json_build_object('type', 'contact', 'id', r.id, 'name', btrim(r.first_name || ' ' || r.last_name), 'email', ${emailOf('r')},
      'jobTitle', r.job_title, 'companyId', r.company_id, 'companyName', co.name)`,
  },
  project: {
    from: 'crm_projects r JOIN crm_companies co ON co.id = r.company_id',
    visible: companyVisibleSql('co'),
    summary: `json_build_object('type', 'project', 'id', r.id, 'name', r.title, 'number', r.number, 'status', r.status,
      'companyId', r.company_id, 'companyName', co.name)`,
  },
  offer: {
    from: 'crm_offers r JOIN crm_companies co ON co.id = r.company_id',
    visible: companyVisibleSql('co'),
    summary: `json_build_object('type', 'offer', 'id', r.id, 'name', r.title, 'number', r.number, 'status', r.status,
      'amount', r.amount::float8, 'currency', r.currency, 'companyId', r.company_id, 'companyName', co.name)`,
  },
};

export function refKey(ref: { type: string; id: string }): string {
  return `${ref.type}:${ref.id}`;
}

/** Summaries of the visible records among `refs`, keyed by `type:id`; invisible and missing ones are absent. */
export async function loadSummaries(db: Database, viewer: Viewer, refs: readonly RecordRef[]): Promise<Map<string, RecordSummary>> {
  const byType = new Map<LinkableType, string[]>();
  for (const ref of refs) byType.set(ref.type, [...(byType.get(ref.type) ?? []), ref.id]);
  const result = new Map<string, RecordSummary>();
  for (const [type, ids] of byType) {
    const source = summarySources[type];
    const { rows } = await db.query<{ summary: unknown }>(
      `SELECT ${source.summary} AS summary FROM ${source.from} WHERE r.id = ANY($3::uuid[]) AND ${source.visible}`,
      [...viewerParams(viewer), ids],
    );
    for (const row of rows) {
      const summary = recordSummarySchema.parse(row.summary);
      result.set(refKey(summary), summary);
    }
  }
  return result;
}
