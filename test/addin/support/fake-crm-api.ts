import { vi } from 'vitest';
import type { CrmApi, LinkedRecord, RecordSummary, SearchHit } from '../../../addin/src/api/crm-api';
import type { ItemContext } from '../../../addin/src/office/item-context';

export const acme: RecordSummary = { type: 'company', id: '00000000-0000-4000-8000-0000000000a1', name: 'Acme GmbH', number: 'K-1001', status: 'active', domains: ['kunde.example'] };
export const max: RecordSummary = { type: 'contact', id: '00000000-0000-4000-8000-0000000000b1', name: 'Max Muster', email: 'max.muster@kunde.example', jobTitle: null, companyId: acme.id, companyName: 'Acme GmbH' };
export const offer: RecordSummary = { type: 'offer', id: '00000000-0000-4000-8000-0000000000c1', name: 'Wartungsvertrag 2027', number: 'A-42', status: 'open', amount: 1200, currency: 'EUR', companyId: acme.id, companyName: 'Acme GmbH' };
export const project: RecordSummary = { type: 'project', id: '00000000-0000-4000-8000-0000000000d1', name: 'Rollout', number: 'P-7', status: 'open', companyId: acme.id, companyName: 'Acme GmbH' };

export const readMailContext: ItemContext = {
  kind: 'message-read',
  subject: 'Angebot 42',
  identity: { mailbox: 'anna.berger@example.com', ewsId: 'AAMk-read=', restId: 'rest-read', internetMessageId: '<offer-42@kunde.example>', conversationId: 'conv-1' },
  addresses: [
    { address: 'max.muster@kunde.example', name: 'Max Muster', role: 'from' },
    { address: 'anna.berger@example.com', name: 'Anna Berger', role: 'to' },
  ],
};

/** An in-memory CrmApi whose link list follows link/unlink calls, with every method a spy. */
export function createFakeCrmApi(options: { suggestions?: RecordSummary[]; searchable?: RecordSummary[] } = {}) {
  let links: LinkedRecord[] = [];
  const suggestions = options.suggestions ?? [max, acme, offer];
  const searchable = options.searchable ?? [acme, max, offer, project];
  const api = {
    searchRecords: vi.fn(async (query: string): Promise<SearchHit[]> =>
      searchable.filter((r) => r.name.toLowerCase().includes(query.toLowerCase())).map((record) => ({ record, match: 'partial' as const })),
    ),
    suggestRecords: vi.fn(async () => suggestions.map((record) => ({ record, reason: 'contact' as const, addresses: [] }))),
    listLinks: vi.fn(async () => links),
    linkRecords: vi.fn(async (_item: unknown, refs: readonly { type: string; id: string }[]) => {
      const all = [...suggestions, ...searchable];
      for (const ref of refs) {
        const record = all.find((r) => r.type === ref.type && r.id === ref.id);
        if (record && !links.some((l) => l.record.id === record.id)) links = [...links, { record, linkedAt: '2026-11-25T08:00:00Z', linkedBy: null }];
      }
    }),
    unlinkRecords: vi.fn(async (_ids: unknown, refs: readonly { type: string; id: string }[]) => {
      links = links.filter((l) => !refs.some((r) => r.id === l.record.id));
    }),
    fileMail: vi.fn(async () => ({ mailId: 'mail-1', internetMessageId: '<offer-42@kunde.example>', created: true })),
  } satisfies CrmApi;
  return api;
}
