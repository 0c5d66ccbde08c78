import type { RecordSummary } from '../api/crm-api';

/** Second line under a record's name: what tells two similar records apart. */
export function describeRecord(record: RecordSummary): string {
  switch (record.type) {
    case 'company':
      return [record.number, record.domains[0]].filter(Boolean).join(' · ');
    case 'contact':
      return [record.email, record.companyName].filter(Boolean).join(' · ');
    case 'project':
      return [record.number, record.companyName].filter(Boolean).join(' · ');
    case 'offer':
      return [record.number, record.companyName].filter(Boolean).join(' · ');
  }
}

export function buildRecordKey(record: { type: string; id: string }): string {
  return `${record.type}:${record.id}`;
}
